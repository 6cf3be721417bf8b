using Fleetboot.Contracts;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Lifecycle;
using Fleetboot.Core.Machines;
using Fleetboot.Http.Boot;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using static Fleetboot.Http.RequestText;

namespace Fleetboot.Http.Admin;

/// <summary>
/// <c>/api/v1/machines/{reference}/provision|reprovision|reset|retire|adopt</c>: operators move machines through their
/// lifecycle; a command the machine's state does not accept is a 409 whose <c>allowed</c> lists the ones it does.
/// Also the machine's per-machine data and its latest uploaded install log.
/// </summary>
internal static class LifecycleEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var machines = api.MapGroup("/machines/{reference}").WithTags("Lifecycle");
        foreach (var command in new[] { LifecycleCommand.Provision, LifecycleCommand.Reprovision, LifecycleCommand.Reset, LifecycleCommand.Retire })
        {
            var name = command.ToString().ToLowerInvariant();
            machines.MapPost("/" + name, (string reference, MachineLifecycle lifecycle, CancellationToken ct) => ApplyAsync(reference, command, null, null, lifecycle, ct))
                .WithName(command + "Machine")
                .WithSummary(Summary(command))
                .RequireAuthorization(AdminPolicies.Write)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
        }

        machines.MapPost("/adopt", (string reference, JsonBody<AdoptRequest> body, MachineLifecycle lifecycle, CancellationToken ct) =>
                ApplyAsync(reference, LifecycleCommand.Adopt, body.Value.Hostname, Blank(body.Value.Profile), lifecycle, ct))
            .WithName("AdoptMachine")
            .WithSummary(Summary(LifecycleCommand.Adopt))
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        machines.MapGet("/data", DataAsync)
            .WithName("GetMachineData")
            .WithSummary("The machine's per-machine data (what its installers stored with POST /api/data); kept across reinstalls. Needs the admin token: installers keep secrets there.")
            .RequireAuthorization(AdminPolicies.Write)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        machines.MapGet("/log", Log)
            .WithName("GetMachineLog")
            .WithSummary("The latest install log the machine uploaded with a failure callback, as text/plain. Needs the admin token.")
            .RequireAuthorization(AdminPolicies.Write)
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<MachineDto>, ProblemHttpResult>> ApplyAsync(
        string reference, LifecycleCommand command, string? hostname, string? profile, MachineLifecycle lifecycle, CancellationToken ct) =>
        await lifecycle.ApplyAsync(reference, command, hostname, profile, ct) is { } machine
            ? TypedResults.Ok(machine.ToDto())
            : AdminProblems.NotFound("machine", reference);

    private static async Task<Results<Ok<IReadOnlyDictionary<string, string>>, ProblemHttpResult>> DataAsync(
        string reference, MachineRegistry registry, IMachineDataStore data, CancellationToken ct)
    {
        if (await registry.FindAsync(reference, ct) is not { } machine) return AdminProblems.NotFound("machine", reference);
        return TypedResults.Ok(await data.ListAsync(machine.Id, ct));
    }

    private static async Task<IResult> Log(string reference, MachineRegistry registry, BootHttpOptions options, CancellationToken ct)
    {
        if (await registry.FindAsync(reference, ct) is not { } machine) return AdminProblems.NotFound("machine", reference);
        var path = InstallLogs.Latest(options.LogsDirectory, machine.Id);
        if (path is null)
            return AdminProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"{machine.Hostname ?? machine.Id} has uploaded no install log",
                new Dictionary<string, object?> { ["resource"] = "log", ["reference"] = reference });
        return TypedResults.PhysicalFile(path, "text/plain; charset=utf-8");
    }

    private static string Summary(LifecycleCommand command) => command switch
    {
        LifecycleCommand.Provision => "Install the machine on its next network boot (registered → provisioning).",
        LifecycleCommand.Reprovision => "Install again: after a finished or failed install, or to restart one (→ provisioning).",
        LifecycleCommand.Reset => "Forget any pending or finished install (→ registered).",
        LifecycleCommand.Retire => "Take the machine out of service: it boots nothing from the network (→ retired).",
        _ => "Make a discovered machine a registered one with a host name and optional profile (with a profile: provisioning).",
    };
}
