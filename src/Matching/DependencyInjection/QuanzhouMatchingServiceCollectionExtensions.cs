using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quanzhou.Matching;
using Quanzhou.Matching.DependencyInjection;
using Quanzhou.Matching.Indexing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Quanzhou.Matching with a service collection.</summary>
public static class QuanzhouMatchingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="MatchingIndexes"/>, the default index (<see cref="LuceneMatchIndex"/>, <see cref="MatchIndex"/>) and its matcher
    /// (<see cref="MatchEngine"/>, <see cref="IMatcher"/>) as singletons, options validated at start-up, and a hosted service that warms up.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddQuanzhouMatching(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return AddCore(services, services.AddOptions<QuanzhouMatchingOptions>());
    }

    /// <summary>Adds Quanzhou.Matching (see <see cref="AddQuanzhouMatching(IServiceCollection)"/>) and configures its options in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddQuanzhouMatching(this IServiceCollection services, Action<QuanzhouMatchingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, services.AddOptions<QuanzhouMatchingOptions>().Configure(configure));
    }

    /// <summary>Adds Quanzhou.Matching with options bound from a configuration section (e.g. <c>configuration.GetSection("QuanzhouMatching")</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddQuanzhouMatching(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, services.AddOptions<QuanzhouMatchingOptions>().Bind(configuration));
    }

    private static IServiceCollection AddCore(IServiceCollection services, OptionsBuilder<QuanzhouMatchingOptions> builder)
    {
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuanzhouMatchingOptions>, QuanzhouMatchingOptionsValidator>());
        services.TryAddSingleton<MatchingIndexes>();
        services.TryAddSingleton(sp => sp.GetRequiredService<MatchingIndexes>().GetIndex());
        services.TryAddSingleton<MatchIndex>(sp => sp.GetRequiredService<LuceneMatchIndex>());
        services.TryAddSingleton(sp => sp.GetRequiredService<MatchingIndexes>().GetMatcher());
        services.TryAddSingleton<IMatcher>(sp => sp.GetRequiredService<MatchEngine>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, QuanzhouMatchingHostedService>());
        return services;
    }
}
