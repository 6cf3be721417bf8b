using Fleetboot.Contracts;
using Fleetboot.Core.Templates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Fleetboot.Http.Admin;

/// <summary><c>/api/v1/templates</c>: the built-in loader templates, operators' replacements, their history, rollback and reset.</summary>
internal static class TemplateEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/templates").WithTags("Templates");

        templates.MapGet("/", async (TemplateLibrary library, CancellationToken ct) =>
                TypedResults.Ok((IReadOnlyList<TemplateDto>)(await library.ListAsync(ct)).Select(t => t.ToDto()).ToList()))
            .WithName("ListTemplates")
            .WithSummary("Every template name with the version in force (version 0: the built-in).");

        templates.MapGet("/{name}", async Task<Results<Ok<TemplateDto>, ProblemHttpResult>> (string name, TemplateLibrary library, CancellationToken ct) =>
                await library.GetAsync(name, ct) is { } template ? TypedResults.Ok(template.ToDto()) : AdminProblems.NotFound("template", name))
            .WithName("GetTemplate")
            .ProducesProblem(StatusCodes.Status404NotFound);

        templates.MapGet("/{name}/history", async Task<Results<Ok<IReadOnlyList<TemplateDto>>, ProblemHttpResult>> (string name, TemplateLibrary library, CancellationToken ct) =>
                await library.HistoryAsync(name, ct) is { } history
                    ? TypedResults.Ok((IReadOnlyList<TemplateDto>)history.Select(v => v.ToDto()).ToList())
                    : AdminProblems.NotFound("template", name))
            .WithName("GetTemplateHistory")
            .WithSummary("The operator's stored versions, oldest first (empty: the built-in is in force).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        templates.MapPut("/{name}", SetAsync)
            .WithName("SetTemplate")
            .WithSummary("Store new content as the next version; it must parse (errors give line and column).")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        templates.MapPost("/{name}/rollback", RollbackAsync)
            .WithName("RollbackTemplate")
            .WithSummary("Make an earlier version current again, stored as a new version.")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        templates.MapPost("/{name}/reset", async Task<Results<Ok<TemplateDto>, ProblemHttpResult>> (string name, TemplateLibrary library, CancellationToken ct) =>
                await library.GetAsync(name, ct) is null
                    ? AdminProblems.NotFound("template", name)
                    : TypedResults.Ok((await library.ResetAsync(name, ct)).ToDto()))
            .WithName("ResetTemplate")
            .WithSummary("Drop every stored version so the built-in applies again.")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<TemplateDto>, ProblemHttpResult, ValidationProblem>> SetAsync(
        string name, JsonBody<TemplateSetRequest> body, TemplateLibrary library, CancellationToken ct)
    {
        if (await library.GetAsync(name, ct) is null) return AdminProblems.NotFound("template", name);
        if (body.Value.Content is not { } content) return AdminProblems.Invalid("content", "the template's content is needed");
        return TypedResults.Ok((await library.SetAsync(name, content, ct)).ToDto());
    }

    private static async Task<Results<Ok<TemplateDto>, ProblemHttpResult, ValidationProblem>> RollbackAsync(
        string name, JsonBody<TemplateRollbackRequest> body, TemplateLibrary library, CancellationToken ct)
    {
        if (await library.GetAsync(name, ct) is null) return AdminProblems.NotFound("template", name);
        if (body.Value.Version < 1) return AdminProblems.Invalid("version", "must be a stored version number (1 or more; see the history)");
        return await library.RollbackAsync(name, body.Value.Version, ct) is { } template
            ? TypedResults.Ok(template.ToDto())
            : AdminProblems.NotFound("template version", $"{name} v{body.Value.Version}");
    }
}
