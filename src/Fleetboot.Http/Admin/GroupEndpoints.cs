using Fleetboot.Contracts;
using Fleetboot.Core.Groups;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Fleetboot.Http.Admin;

/// <summary><c>/api/v1/groups</c>: selectors that send machines to profiles.</summary>
internal static class GroupEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/groups").WithTags("Groups");

        groups.MapGet("/", async (GroupCatalog catalog, CancellationToken ct) =>
                TypedResults.Ok((IReadOnlyList<GroupDto>)(await catalog.ListAsync(ct)).OrderBy(g => g.Id, StringComparer.Ordinal).Select(g => g.ToDto()).ToList()))
            .WithName("ListGroups")
            .WithSummary("Every group, by id.");

        groups.MapPost("/", AddAsync)
            .WithName("AddGroup")
            .WithSummary("Create a group; the id comes from the body. No selectors: the default group.")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);

        groups.MapGet("/{id}", async Task<Results<Ok<GroupDto>, ProblemHttpResult>> (string id, GroupCatalog catalog, CancellationToken ct) =>
                await catalog.GetAsync(id, ct) is { } group ? TypedResults.Ok(group.ToDto()) : AdminProblems.NotFound("group", id))
            .WithName("GetGroup")
            .ProducesProblem(StatusCodes.Status404NotFound);

        groups.MapPut("/{id}", ReplaceAsync)
            .WithName("ReplaceGroup")
            .WithSummary("Replace every field of a group.")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        groups.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (string id, GroupCatalog catalog, CancellationToken ct) =>
                await catalog.RemoveAsync(id, ct) ? TypedResults.NoContent() : AdminProblems.NotFound("group", id))
            .WithName("RemoveGroup")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Created<GroupDto>> AddAsync(JsonBody<GroupRequest> body, GroupCatalog catalog, CancellationToken ct)
    {
        var group = await catalog.AddAsync(body.Value.ToGroup(body.Value.Id?.Trim() ?? ""), ct);
        return TypedResults.Created($"/api/v1/groups/{group.Id}", group.ToDto());
    }

    private static async Task<Results<Ok<GroupDto>, ProblemHttpResult, ValidationProblem>> ReplaceAsync(
        string id, JsonBody<GroupRequest> body, GroupCatalog catalog, CancellationToken ct)
    {
        if (body.Value.Id is { } bodyId && !string.IsNullOrWhiteSpace(bodyId) && bodyId.Trim() != id)
            return AdminProblems.Invalid("id", $"'{bodyId}' differs from the id in the path ('{id}'); ids cannot be changed");
        return await catalog.ReplaceAsync(body.Value.ToGroup(id), ct) is { } group
            ? TypedResults.Ok(group.ToDto())
            : AdminProblems.NotFound("group", id);
    }
}
