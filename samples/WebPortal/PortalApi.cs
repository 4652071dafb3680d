using Quanzhou.Matching;

namespace WebPortal;

/// <summary>The portal's endpoints. Invalid input is a 400 problem naming the field; an unknown id a 404.</summary>
internal static class PortalApi
{
    public static void MapPortalApi(this WebApplication app)
    {
        // Needs (技术需求): post one, then ask for the achievements and experts that fit it.
        app.MapPost("/needs", (DocumentInput input, MatchIndex index, CancellationToken ct) => UpsertAsync(input, DocumentKind.Need, index, ct))
            .WithSummary("Post a technology need (技术需求); it is searchable when the call returns.");
        app.MapGet("/needs/{id}/matches", (string id, int? top, string? tenant, DocumentKind[]? kind, MatchIndex index, IMatcher matcher, CancellationToken ct) =>
                MatchByIdAsync(id, DocumentKind.Need, top, tenant, kind, index, matcher, ct))
            .WithSummary("Achievements (科技成果) and experts (专家) for a need, ranked and explained.");

        // Achievements (科技成果): list one, then find the companies' needs it could serve.
        app.MapPost("/achievements", (DocumentInput input, MatchIndex index, CancellationToken ct) => UpsertAsync(input, DocumentKind.Achievement, index, ct))
            .WithSummary("List a research achievement (科技成果).");
        app.MapGet("/achievements/{id}/matches", (string id, int? top, string? tenant, DocumentKind[]? kind, MatchIndex index, IMatcher matcher, CancellationToken ct) =>
                MatchByIdAsync(id, DocumentKind.Achievement, top, tenant, kind, index, matcher, ct))
            .WithSummary("Needs (技术需求) an achievement could serve, ranked and explained.");

        // Delete a need or achievement of the caller's tenant (only the owner may).
        app.MapDelete("/documents/{id}", async (string id, string? tenant, MatchIndex index, CancellationToken ct) =>
            {
                try
                {
                    return await index.DeleteAsync(id, tenant ?? MatchDocument.DefaultTenant, ct) ? Results.NoContent() : Results.NotFound(new { error = $"no document '{id}'" });
                }
                catch (DocumentOwnershipException ex)
                {
                    return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
                }
                catch (ArgumentException ex)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { [ex.ParamName ?? "id"] = [ex.Message] });
                }
            })
            .WithSummary("Delete a document the tenant owns (409 when another tenant owns the id).");

        // Free text, as typed on the page (not stored).
        app.MapPost("/match", async (TextMatchInput input, IMatcher matcher, CancellationToken ct) =>
            {
                if (string.IsNullOrWhiteSpace(input.Text))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Type a need (请输入需求)."] });
                }

                var options = Options(input.Top, input.Kinds);
                if (options is null)
                {
                    return TopProblem();
                }

                options.IndustryTags = input.IndustryTags is { Length: > 0 } tags ? tags : null;
                return Results.Ok(await matcher.MatchAsync(MatchRequest.ForText(input.Text, input.Tenant ?? MatchDocument.DefaultTenant), options, ct));
            })
            .WithSummary("Match free text (a need as typed) to achievements and experts.");

        // Feedback on a shown result: clicked, contacted, deal signed, dismissed. Kept in memory in this sample.
        app.MapPost("/feedback", (FeedbackInput input, FeedbackStore store) =>
            {
                if (string.IsNullOrWhiteSpace(input.QueryId) || string.IsNullOrWhiteSpace(input.DocumentId))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["queryId"] = ["queryId and documentId are required."] });
                }

                var feedback = new FeedbackEvent(input.QueryId, input.DocumentId, input.Kind, DateTimeOffset.UtcNow);
                store.Add(feedback);
                return Results.Created("/feedback", feedback);
            })
            .WithSummary("Record feedback on a match (FeedbackEvent).");
        app.MapGet("/feedback", (FeedbackStore store) => store.All()).WithSummary("The feedback recorded so far.");
    }

    private static async Task<IResult> UpsertAsync(DocumentInput input, DocumentKind kind, MatchIndex index, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["title"] = ["A title is required (标题必填)."] });
        }

        MatchDocument document;
        try
        {
            document = input.ToDocument(kind);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            var field = (ex as ArgumentException)?.ParamName ?? "body";
            return Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [ex.Message] });
        }

        IndexingOutcome outcome;
        try
        {
            outcome = await index.UpsertAsync(document, ct);
        }
        catch (DocumentOwnershipException ex)
        {
            // Another tenant owns this id: a conflict, not a validation error; nothing was written.
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }

        return outcome.Accepted
            ? Results.Created($"/{(kind == DocumentKind.Need ? "needs" : "achievements")}/{document.Id}/matches", new { id = document.Id, kind })
            : Results.ValidationProblem(new Dictionary<string, string[]> { ["document"] = [outcome.Reason ?? "rejected"] });
    }

    private static async Task<IResult> MatchByIdAsync(string id, DocumentKind expected, int? top, string? tenant, DocumentKind[]? kinds, MatchIndex index, IMatcher matcher, CancellationToken ct)
    {
        tenant ??= MatchDocument.DefaultTenant;
        var document = await index.GetAsync(id, tenant, ct);
        if (document is null || document.Kind != expected)
        {
            return Results.NotFound(new { error = $"no {expected.ToString().ToLowerInvariant()} '{id}' visible to tenant '{tenant}'" });
        }

        var options = Options(top, kinds);
        return options is null ? TopProblem() : Results.Ok(await matcher.MatchAsync(MatchRequest.ForId(id, tenant), options, ct));
    }

    private static MatchOptions? Options(int? top, DocumentKind[]? kinds)
    {
        if (top is < 1 or > MatchOptions.MaxTop)
        {
            return null;
        }

        return new MatchOptions { Top = top ?? 10, Kinds = kinds is { Length: > 0 } ? kinds : null };
    }

    private static IResult TopProblem() =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["top"] = [$"top must be between 1 and {MatchOptions.MaxTop}."] });
}
