using System.Text.RegularExpressions;
using Fleetboot.Contracts;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Events;
using Fleetboot.Core.Lifecycle;
using Fleetboot.Core.Machines;
using Fleetboot.Http.Admin;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Fleetboot.Http.RequestText;

namespace Fleetboot.Http.Boot;

/// <summary>
/// The homelab seed's machine-facing paths, so that its installers only need to add <c>?token=</c> (or a bearer header):
/// <c>POST /api/state</c>, <c>GET /api/states</c>, <c>POST /api/data</c>, <c>GET /api/data/{mac}/{key}</c> and
/// <c>GET /api/config/{mac}</c> (no token; the record without its token).
/// </summary>
internal static partial class HomelabEndpoints
{
    private const int MaxValueBytes = 64 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(new CallbackFilter()).WithTags("Homelab paths");
        api.MapPost("/state", StateAsync)
            .WithName("HomelabState")
            .WithSummary("{mac, state, message}: state done/installed/complete finishes the install, failed/error fails it, any other word is progress in that phase. Machine token.");
        api.MapGet("/states", StatesAsync)
            .WithName("HomelabStates")
            .WithSummary("Every machine's mac, hostname, state, phase, message and time of its last change. Any machine's token, or the admin token.");
        api.MapPost("/data", SetDataAsync)
            .WithName("HomelabSetData")
            .WithSummary("{mac, key, value}: a per-machine value that survives reinstalls. Machine token.");
        api.MapGet("/data/{mac}/{key}", GetDataAsync)
            .WithName("HomelabGetData")
            .WithSummary("A per-machine value as text/plain; 404 when it was never set. That machine's token.");
        api.MapGet("/config/{mac}", ConfigAsync)
            .WithName("HomelabConfig")
            .WithSummary("The machine's record as JSON, without its token. No token needed.");
    }

    private static async Task<IResult> StateAsync(HttpContext http, MachineLifecycle lifecycle, CancellationToken ct)
    {
        var (report, problem) = await CallbackRequest.ReadJsonAsync<StateReport>(http, FleetbootJsonContext.Default.StateReport, null!, CallbackRequest.SmallBody, ct);
        if (problem is not null) return problem;
        if (report is null) return AdminProblems.Invalid("body", "a JSON body {mac, state, message} is needed");
        var machine = await lifecycle.AuthenticateAsync(report.Mac ?? "", CallbackRequest.Token(http), ct);
        var state = report.State?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(state)) return AdminProblems.Invalid("state", "a state word is needed (done, failed, or the name of the phase)");
        var message = Blank(report.Message);
        var source = ClientAddress.Of(http);
        var updated = state switch
        {
            "done" or "installed" or "complete" => await lifecycle.ReportDoneAsync(machine, message, source, ct),
            "failed" or "error" => await lifecycle.ReportFailedAsync(machine, message ?? $"the installer reported {state}", source, ct),
            _ => await lifecycle.ReportProgressAsync(machine, state, message, null, source, ct),
        };
        return CallbackEndpoints.Status(updated);
    }

    private static async Task<IResult> StatesAsync(HttpContext http, MachineRegistry registry, CancellationToken ct)
    {
        var token = CallbackRequest.Token(http);
        var all = new List<Machine>();
        for (var offset = 0; ; offset += 500)
        {
            var page = await registry.ListAsync(new MachineQuery { Offset = offset, Limit = 500 }, ct);
            all.AddRange(page.Items);
            if (page.Items.Count < 500) break;
        }
        var admin = http.RequestServices.GetService(typeof(AdminTokenSource)) is AdminTokenSource source ? source.Current() : null;
        var allowed = token is not null
            && ((admin is not null && CallbackRequest.SameSecret(token, admin)) | all.Aggregate(false, (any, m) => CallbackRequest.SameSecret(token, m.Token) | any));
        if (!allowed) throw new CallbackDeniedException("no machine or admin token was presented");
        IReadOnlyList<MachineStatusDto> states = all.Select(m => m.ToStatus()).ToList();
        return TypedResults.Json(states, FleetbootJsonContext.Default.IReadOnlyListMachineStatusDto);
    }

    private static async Task<IResult> SetDataAsync(HttpContext http, MachineLifecycle lifecycle, IMachineDataStore data, IBootEventSink events, TimeProvider time, CancellationToken ct)
    {
        var (report, problem) = await CallbackRequest.ReadJsonAsync<DataReport>(http, FleetbootJsonContext.Default.DataReport, null!, MaxValueBytes * 6 + 1024, ct);
        if (problem is not null) return problem;
        if (report is null) return AdminProblems.Invalid("body", "a JSON body {mac, key, value} is needed");
        var machine = await lifecycle.AuthenticateAsync(report.Mac ?? "", CallbackRequest.Token(http), ct);
        if (report.Key is null || !KeyPattern().IsMatch(report.Key))
            return AdminProblems.Invalid("key", "1-128 characters of letters, digits, '.', '_' and '-', starting with a letter or digit");
        if (report.Value is null) return AdminProblems.Invalid("value", "a value is needed (a string)");
        if (System.Text.Encoding.UTF8.GetByteCount(report.Value) > MaxValueBytes)
            return AdminProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"values are at most {MaxValueBytes / 1024} KiB");
        await data.SetAsync(machine.Id, report.Key, report.Value, ct);
        events.Record(new BootEvent(time.GetUtcNow(), "callback.data", ClientAddress.Of(http), machine.PrimaryMac.ToString(), "ok",
            $"stored data {report.Key}", new Dictionary<string, string> { ["key"] = report.Key }) { MachineId = machine.Id });
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetDataAsync(string mac, string key, HttpContext http, MachineLifecycle lifecycle, IMachineDataStore data, CancellationToken ct)
    {
        var machine = await lifecycle.AuthenticateAsync(mac, CallbackRequest.Token(http), ct);
        return await data.GetAsync(machine.Id, key, ct) is { } value
            ? TypedResults.Text(value, "text/plain; charset=utf-8")
            : AdminProblems.NotFound("data key", key);
    }

    private static async Task<IResult> ConfigAsync(string mac, HttpContext http, IMachineStore machines, IBootEventSink events, TimeProvider time, CancellationToken ct)
    {
        if (!MacAddress.TryParse(mac, out var address) || await machines.FindByMacAsync(address, ct) is not { } machine)
            return AdminProblems.NotFound("machine", mac);
        // Only a known machine's fetch goes on the timeline: an unknown MAC here is not a netboot, so nothing is discovered.
        events.Record(new BootEvent(time.GetUtcNow(), "api.config", ClientAddress.Of(http), machine.PrimaryMac.ToString(), "ok",
            $"served {http.Request.Path}", new Dictionary<string, string> { ["path"] = http.Request.Path.ToString() }) { MachineId = machine.Id });
        return TypedResults.Json(machine.ToDto(), FleetbootJsonContext.Default.MachineDto);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex KeyPattern();
}
