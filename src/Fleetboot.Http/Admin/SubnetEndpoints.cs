using Fleetboot.Contracts;
using Fleetboot.Core.Dhcp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Fleetboot.Http.Admin;

/// <summary>
/// <c>/api/v1/subnets</c>: the DHCP subnets, from the config file (read-only here) and from this API (stored). A change is
/// checked against every other subnet (409 on an overlap) and the running DHCP server uses it from the next packet on.
/// </summary>
internal static class SubnetEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var subnets = api.MapGroup("/subnets").WithTags("DHCP");

        subnets.MapGet("/", async (DhcpSubnetCatalog catalog, CancellationToken ct) =>
                TypedResults.Ok((IReadOnlyList<SubnetDto>)[.. (await catalog.ListAsync(ct)).Select(e => e.ToDto())]))
            .WithName("ListSubnets")
            .WithSummary("Every DHCP subnet: the config file's first, then the API's by name.");

        subnets.MapPost("/", async (JsonBody<SubnetRequest> body, DhcpSubnetCatalog catalog, CancellationToken ct) =>
            {
                var entry = await catalog.CreateAsync(body.Value.ToOptions(body.Value.Name?.Trim() ?? ""), ct);
                return TypedResults.Created($"/api/v1/subnets/{entry.Subnet.Name}", entry.ToDto());
            })
            .WithName("AddSubnet")
            .WithSummary("Create a subnet; the name comes from the body. 409 when it overlaps another subnet or the name is taken.")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);

        subnets.MapGet("/{name}", async Task<Results<Ok<SubnetDto>, ProblemHttpResult>> (string name, DhcpSubnetCatalog catalog, CancellationToken ct) =>
                await catalog.GetAsync(name, ct) is { } entry ? TypedResults.Ok(entry.ToDto()) : AdminProblems.NotFound("subnet", name))
            .WithName("GetSubnet")
            .ProducesProblem(StatusCodes.Status404NotFound);

        subnets.MapPut("/{name}", ReplaceAsync)
            .WithName("ReplaceSubnet")
            .WithSummary("Replace every field of an API subnet; config-file subnets are refused (409).")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        subnets.MapDelete("/{name}", async Task<Results<NoContent, ProblemHttpResult>> (string name, DhcpSubnetCatalog catalog, CancellationToken ct) =>
                await catalog.RemoveAsync(name, ct) ? TypedResults.NoContent() : AdminProblems.NotFound("subnet", name))
            .WithName("RemoveSubnet")
            .WithSummary("Remove an API subnet; its leases stay stored. Config-file subnets are refused (409).")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<SubnetDto>, ProblemHttpResult, ValidationProblem>> ReplaceAsync(
        string name, JsonBody<SubnetRequest> body, DhcpSubnetCatalog catalog, CancellationToken ct)
    {
        if (body.Value.Name is { } bodyName && !string.IsNullOrWhiteSpace(bodyName) && bodyName.Trim() != name)
            return AdminProblems.Invalid("name", $"'{bodyName}' differs from the name in the path ('{name}'); names cannot be changed");
        return await catalog.UpdateAsync(body.Value.ToOptions(name), ct) is { } entry
            ? TypedResults.Ok(entry.ToDto())
            : AdminProblems.NotFound("subnet", name);
    }

    /// <summary>409 naming the field and the subnet it clashes with.</summary>
    public static ProblemHttpResult Conflict(DhcpSubnetConflictException e)
    {
        var first = e.Errors[0];
        return AdminProblems.Problem(StatusCodes.Status409Conflict, "Conflict", e.Message, new Dictionary<string, object?>
        {
            ["field"] = first.Field,
            ["value"] = first.Subnet,
            ["holder"] = first.Other ?? first.Subnet,
        });
    }
}
