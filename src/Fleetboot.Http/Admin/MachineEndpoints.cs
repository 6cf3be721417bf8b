using System.Globalization;
using Fleetboot.Contracts;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using CoreState = Fleetboot.Core.Machines.MachineState;

namespace Fleetboot.Http.Admin;

/// <summary><c>/api/v1/machines</c>: the registry. A reference is a machine id, any of its MACs (any form) or its host name.</summary>
internal static class MachineEndpoints
{
    public const int DefaultPageSize = 100;

    public static void Map(RouteGroupBuilder api)
    {
        var machines = api.MapGroup("/machines").WithTags("Machines");

        machines.MapGet("/", ListAsync)
            .WithName("ListMachines")
            .WithSummary("List machines, filtered by label (repeatable label=key=value), role, profile and state, paged by offset and limit.")
            .ProducesValidationProblem();

        machines.MapPost("/", AddAsync)
            .WithName("AddMachine")
            .WithSummary("Register a machine.")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);

        machines.MapGet("/{reference}", GetAsync)
            .WithName("GetMachine")
            .WithSummary("One machine, by id, MAC or host name.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        machines.MapPut("/{reference}", ReplaceAsync)
            .WithName("ReplaceMachine")
            .WithSummary("Replace every field of a machine (its id, token, state and creation time are kept).")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        machines.MapDelete("/{reference}", RemoveAsync)
            .WithName("RemoveMachine")
            .WithSummary("Remove a machine from the registry.")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<MachinePage>, ValidationProblem>> ListAsync(
        MachineRegistry registry,
        IOptions<AdminApiOptions> options,
        [FromQuery(Name = "label")] string[]? label,
        string? role,
        string? profile,
        string? state,
        string? offset,
        string? limit,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in label ?? [])
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) errors["label"] = [$"'{item}' is not key=value"];
            else labels[item[..eq]] = item[(eq + 1)..];
        }
        CoreState? stateFilter = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (MachineNames.TryParseState(state, out var parsed)) stateFilter = parsed;
            else errors["state"] = [$"'{state}' is not a state ({string.Join(", ", Enum.GetNames<CoreState>().Select(n => n.ToLowerInvariant()))})"];
        }
        var max = options.Value.MaxPageSize;
        var offsetValue = ParseInt(offset, "offset", 0, 0, int.MaxValue, errors);
        var limitValue = ParseInt(limit, "limit", DefaultPageSize, 1, max, errors);
        if (errors.Count > 0) return AdminProblems.Invalid(errors);

        var page = await registry.ListAsync(new MachineQuery
        {
            Labels = labels,
            Role = string.IsNullOrEmpty(role) ? null : role,
            ProfileId = string.IsNullOrEmpty(profile) ? null : profile,
            State = stateFilter,
            Offset = offsetValue,
            Limit = limitValue,
        }, ct);
        return TypedResults.Ok(page.ToDto());
    }

    private static async Task<Created<MachineDto>> AddAsync(JsonBody<MachineRequest> body, MachineRegistry registry, CancellationToken ct)
    {
        var machine = await registry.AddAsync(body.Value.ToSpec(), ct);
        return TypedResults.Created($"/api/v1/machines/{machine.Id}", machine.ToDto());
    }

    private static async Task<Results<Ok<MachineDto>, ProblemHttpResult>> GetAsync(string reference, MachineRegistry registry, CancellationToken ct) =>
        await registry.FindAsync(reference, ct) is { } machine
            ? TypedResults.Ok(machine.ToDto())
            : AdminProblems.NotFound("machine", reference);

    private static async Task<Results<Ok<MachineDto>, ProblemHttpResult>> ReplaceAsync(
        string reference, JsonBody<MachineRequest> body, MachineRegistry registry, CancellationToken ct) =>
        await registry.ReplaceAsync(reference, body.Value.ToSpec(), ct) is { } machine
            ? TypedResults.Ok(machine.ToDto())
            : AdminProblems.NotFound("machine", reference);

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string reference, MachineRegistry registry, CancellationToken ct) =>
        await registry.RemoveAsync(reference, ct)
            ? TypedResults.NoContent()
            : AdminProblems.NotFound("machine", reference);

    private static int ParseInt(string? text, string field, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text)) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        errors[field] = [$"must be a whole number from {min} to {max}"];
        return fallback;
    }
}
