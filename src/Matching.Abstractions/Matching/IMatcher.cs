namespace Quanzhou.Matching;

/// <summary>Finds and ranks the documents that best match a need, achievement, expert or text.</summary>
/// <remarks>Implementations are thread-safe and meant to be used as singletons.</remarks>
public interface IMatcher
{
    /// <summary>Matches a request: need → achievements and experts; achievement or expert → needs (or the kinds in <see cref="MatchOptions.Kinds"/>).</summary>
    /// <param name="request">What to match from.</param>
    /// <param name="options">Paging, filters and explanation options; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of ranked results.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="DocumentNotFoundException">A request by id names a document that does not exist or is not visible to the tenant.</exception>
    /// <exception cref="MatchingException">The index or ranker failed.</exception>
    Task<MatchResults> MatchAsync(MatchRequest request, MatchOptions? options = null, CancellationToken cancellationToken = default);
}
