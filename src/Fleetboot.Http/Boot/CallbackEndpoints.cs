using System.Globalization;
using System.Text;
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
/// Installer callbacks <c>/api/v1/boot/{mac}/progress|done|failed</c>. No admin token: the machine's own token
/// (<c>fleetboot.token=</c> on its kernel command line) as <c>Authorization: Bearer</c> or <c>?token=</c>.
/// A wrong or missing token is a 403 and changes nothing; repeating a callback changes nothing more.
/// </summary>
internal static class CallbackEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var boot = app.MapGroup("/api/v1/boot/{mac}").AddEndpointFilter(new CallbackFilter()).WithTags("Installer callbacks");
        boot.MapPost("/progress", ProgressAsync)
            .WithName("ReportProgress")
            .WithSummary("The installer's progress {phase, message, percent}; a provisioning machine is now installing. Machine token, not the admin token.");
        boot.MapPost("/done", DoneAsync)
            .WithName("ReportDone")
            .WithSummary("The install finished (body optional: {message}); with netboot once the machine boots its disk from now on. Machine token.");
        boot.MapPost("/failed", FailedAsync)
            .WithName("ReportFailed")
            .WithSummary("The install failed: JSON {reason, log}, or the log itself as text/plain with ?reason=. The log (at most 1 MiB) is kept. Machine token.");
    }

    private static async Task<IResult> ProgressAsync(string mac, HttpContext http, MachineLifecycle lifecycle, CancellationToken ct)
    {
        var machine = await lifecycle.AuthenticateAsync(mac, CallbackRequest.Token(http), ct);
        var (report, problem) = await CallbackRequest.ReadJsonAsync(http, FleetbootJsonContext.Default.ProgressReport, new ProgressReport(), CallbackRequest.SmallBody, ct);
        if (problem is not null) return problem;
        var updated = await lifecycle.ReportProgressAsync(machine, Blank(report!.Phase), Blank(report.Message), report.Percent, ClientAddress.Of(http), ct);
        return Status(updated);
    }

    private static async Task<IResult> DoneAsync(string mac, HttpContext http, MachineLifecycle lifecycle, CancellationToken ct)
    {
        var machine = await lifecycle.AuthenticateAsync(mac, CallbackRequest.Token(http), ct);
        var (report, problem) = await CallbackRequest.ReadJsonAsync(http, FleetbootJsonContext.Default.DoneReport, new DoneReport(), CallbackRequest.SmallBody, ct);
        if (problem is not null) return problem;
        return Status(await lifecycle.ReportDoneAsync(machine, Blank(report!.Message), ClientAddress.Of(http), ct));
    }

    private static async Task<IResult> FailedAsync(
        string mac, string? reason, HttpContext http, MachineLifecycle lifecycle, BootHttpOptions options, IBootEventSink events, TimeProvider time, CancellationToken ct)
    {
        var machine = await lifecycle.AuthenticateAsync(mac, CallbackRequest.Token(http), ct);
        // JSON escaping can make a 1 MiB log up to six times longer on the wire; the log itself is checked below.
        var jsonCap = options.MaxLogBytes * 6 + CallbackRequest.SmallBody;
        var bytes = await CallbackRequest.ReadBytesAsync(http, http.Request.HasJsonContentType() ? jsonCap : options.MaxLogBytes, ct);
        if (bytes is null) return LogTooLarge(options);
        FailureReport report;
        if (bytes.Length == 0) report = new FailureReport(reason);
        else if (http.Request.HasJsonContentType())
        {
            var (parsed, problem) = CallbackRequest.Parse(bytes, FleetbootJsonContext.Default.FailureReport);
            if (problem is not null) return problem;
            report = parsed!;
        }
        else report = new FailureReport(reason, Encoding.UTF8.GetString(bytes));
        if (report.Log is { } log && Encoding.UTF8.GetByteCount(log) > options.MaxLogBytes) return LogTooLarge(options);
        if (!string.IsNullOrEmpty(report.Log) && options.LogsDirectory is null)
            return AdminProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Log uploads off", "this server keeps no install logs");

        var source = ClientAddress.Of(http);
        var updated = await lifecycle.ReportFailedAsync(machine, Blank(report.Reason) ?? Blank(reason) ?? "the installer reported a failure", source, ct);
        // A repeated failure with the same reason changes nothing, and keeps no second copy of its log.
        if (!ReferenceEquals(updated, machine) && !string.IsNullOrEmpty(report.Log))
        {
            var path = await InstallLogs.SaveAsync(options.LogsDirectory!, machine.Id, time.GetUtcNow(), report.Log, ct);
            var size = new FileInfo(path).Length;
            events.Record(new BootEvent(time.GetUtcNow(), "callback.log", source, machine.PrimaryMac.ToString(), "stored",
                $"install log stored ({size.ToString(CultureInfo.InvariantCulture)} bytes)",
                new Dictionary<string, string> { ["file"] = Path.GetFileName(path), ["bytes"] = size.ToString(CultureInfo.InvariantCulture) })
            { MachineId = machine.Id });
        }
        return Status(updated);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult LogTooLarge(BootHttpOptions options) =>
        AdminProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large",
            $"the install log is larger than {options.MaxLogBytes / 1024} KiB; send its tail (tail -c {options.MaxLogBytes})");

    internal static IResult Status(Machine machine) => TypedResults.Json(machine.ToStatus(), FleetbootJsonContext.Default.MachineStatusDto);
}
