using Fleetboot.Contracts;
using Fleetboot.Core.Profiles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Fleetboot.Http.Admin;

/// <summary><c>/api/v1/profiles</c>: what to boot. Every template in a profile must parse before it is stored.</summary>
internal static class ProfileEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var profiles = api.MapGroup("/profiles").WithTags("Profiles");

        profiles.MapGet("/", async (ProfileCatalog catalog, CancellationToken ct) =>
                TypedResults.Ok((IReadOnlyList<ProfileDto>)(await catalog.ListAsync(ct)).OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => p.ToDto()).ToList()))
            .WithName("ListProfiles")
            .WithSummary("Every profile, by id.");

        profiles.MapPost("/", AddAsync)
            .WithName("AddProfile")
            .WithSummary("Create a profile; the id comes from the body.")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);

        profiles.MapGet("/{id}", async Task<Results<Ok<ProfileDto>, ProblemHttpResult>> (string id, ProfileCatalog catalog, CancellationToken ct) =>
                await catalog.GetAsync(id, ct) is { } profile ? TypedResults.Ok(profile.ToDto()) : AdminProblems.NotFound("profile", id))
            .WithName("GetProfile")
            .ProducesProblem(StatusCodes.Status404NotFound);

        profiles.MapPut("/{id}", ReplaceAsync)
            .WithName("ReplaceProfile")
            .WithSummary("Replace every field of a profile.")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        profiles.MapDelete("/{id}", async Task<Results<NoContent, ProblemHttpResult>> (string id, ProfileCatalog catalog, CancellationToken ct) =>
                await catalog.RemoveAsync(id, ct) ? TypedResults.NoContent() : AdminProblems.NotFound("profile", id))
            .WithName("RemoveProfile")
            .WithSummary("Remove a profile; refused (409) while a group or machine uses it.")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Created<ProfileDto>> AddAsync(JsonBody<ProfileRequest> body, ProfileCatalog catalog, CancellationToken ct)
    {
        var profile = await catalog.AddAsync(body.Value.ToProfile(body.Value.Id?.Trim() ?? ""), ct);
        return TypedResults.Created($"/api/v1/profiles/{profile.Id}", profile.ToDto());
    }

    private static async Task<Results<Ok<ProfileDto>, ProblemHttpResult, ValidationProblem>> ReplaceAsync(
        string id, JsonBody<ProfileRequest> body, ProfileCatalog catalog, CancellationToken ct)
    {
        if (body.Value.Id is { } bodyId && !string.IsNullOrWhiteSpace(bodyId) && bodyId.Trim() != id)
            return AdminProblems.Invalid("id", $"'{bodyId}' differs from the id in the path ('{id}'); ids cannot be changed");
        return await catalog.ReplaceAsync(body.Value.ToProfile(id), ct) is { } profile
            ? TypedResults.Ok(profile.ToDto())
            : AdminProblems.NotFound("profile", id);
    }
}
