// WebPortal: a technology-transfer portal's matching service as an ASP.NET Core minimal API, plus one plain page
// (wwwroot/index.html) where a technology manager types a need and sees ranked achievements and experts.
// Run: dotnet run --project samples/WebPortal   then open http://localhost:5000 (or the URL it prints)
using System.Text.Json.Serialization;
using Quanzhou.Matching;
using Quanzhou.Matching.DependencyInjection;
using WebPortal;

// 1. The content root is the output folder: appsettings.json, wwwroot and the demo corpus are copied there.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// 2. Matching from configuration ("QuanzhouMatching" in appsettings.json: named indexes, ranker, model folder),
//    validated at start-up; indexes are opened and the model loaded by a hosted service before requests are served.
builder.Services.AddQuanzhouMatching(builder.Configuration.GetSection(QuanzhouMatchingOptions.SectionName));

// 3. The demo corpus is indexed at start-up (the index is in memory in appsettings.json, so every run starts clean).
builder.Services.AddSingleton<DemoCorpus>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoCorpus>());
builder.Services.AddSingleton<FeedbackStore>();

// 4. Health (index readable, counts, model) and an OpenAPI document at /openapi/v1.json.
builder.Services.AddHealthChecks()
    .AddCheck<QuanzhouMatchingHealthCheck>("matching")
    .AddCheck<DemoCorpus>("demo-corpus");
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapOpenApi();
app.MapHealthChecks("/health");

// 5. The API: needs (技术需求), achievements (科技成果), free-text matching for the page, and feedback.
app.MapPortalApi();

app.Run();
