using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Fleetboot.Client;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs;

/// <summary>Runs a client verb and turns every failure into one line on stderr and a non-zero exit code.</summary>
internal static class CliRunner
{
    public static void SetAction(Command command, Func<CliContext, ParseResult, CancellationToken, Task> action) =>
        command.SetAction((parse, ct) => RunAsync(parse, action, ct));

    public static async Task<int> RunAsync(ParseResult parse, Func<CliContext, ParseResult, CancellationToken, Task> action, CancellationToken ct)
    {
        CliContext? context = null;
        try
        {
            context = CliContext.Create(parse);
            await action(context, parse, ct);
            return ExitCodes.Ok;
        }
        catch (CliException e)
        {
            return Fail(e.Message, e.ExitCode);
        }
        catch (FleetbootApiException e)
        {
            var (message, code) = await DescribeAsync(e, context!, ct);
            return Fail(message, code);
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            return Fail($"cannot reach the Fleetboot server at {context!.Server} ({Reason(e)}); start it with `./fleetboot serve` or pass --server URL", ExitCodes.Unreachable);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested && context is not null)
        {
            return Fail($"the Fleetboot server at {context.Server} did not answer within {CliContext.RequestTimeout.TotalSeconds:0} s", ExitCodes.Unreachable);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Fail("interrupted", 130);
        }
        finally
        {
            context?.Dispose();
        }
    }

    private static int Fail(string message, int code)
    {
        var line = message.ReplaceLineEndings(" ");
        Console.Error.WriteLine($"fleetboot: {line}");
        return code;
    }

    private static string Reason(HttpRequestException e) => e.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException s => s.Message,
        { } inner => inner.Message,
        _ => e.Message,
    };

    private static async Task<(string Message, int Code)> DescribeAsync(FleetbootApiException e, CliContext context, CancellationToken ct)
    {
        var p = e.Problem;
        switch (e.Status)
        {
            case HttpStatusCode.BadRequest when p.Errors is { Count: > 0 } errors:
                return ("invalid input: " + string.Join("; ", errors.Select(f => $"{f.Key}: {string.Join(", ", f.Value)}")), ExitCodes.Invalid);
            case HttpStatusCode.BadRequest:
                return ("invalid input: " + (p.Detail ?? p.Title), ExitCodes.Invalid);
            case HttpStatusCode.Unauthorized:
                return ("unauthorized: " + (p.Detail ?? "an admin token is needed; pass --token or set FLEETBOOT_TOKEN"), ExitCodes.Unauthorized);
            case HttpStatusCode.NotFound:
                return ("not found: " + (p.Detail ?? p.Title), ExitCodes.NotFound);
            case HttpStatusCode.Conflict:
                return (await DescribeConflictAsync(p, context, ct), ExitCodes.Conflict);
            case HttpStatusCode.UnprocessableEntity when p.Line is not null:
                return ($"render failed: {p.Detail}", ExitCodes.Invalid);
            default:
                return ($"the server answered {(int)e.Status} {p.Title}: {p.Detail}", ExitCodes.Failure);
        }
    }

    private static readonly HashSet<string> MachineFields = new(StringComparer.OrdinalIgnoreCase) { "mac", "macs", "hostname", "uuid", "staticIp", "ip" };

    /// <summary>"conflict with machine worker-3 (id m-…): MAC 00:11:.. is already registered to it" — names a machine holder by host name.</summary>
    private static async Task<string> DescribeConflictAsync(Problem p, CliContext context, CancellationToken ct)
    {
        if (p.Holder is null || p.Field is null || !MachineFields.Contains(p.Field)) return "conflict: " + (p.Detail ?? p.Title);
        var name = p.HolderName;
        if (name is null)
        {
            try
            {
                name = (await context.Client.GetMachineAsync(p.Holder, ct)).Hostname;
            }
            catch (FleetbootApiException)
            {
                // The holder's id alone still names it.
            }
        }
        var holder = name is null ? p.Holder : $"{name} (id {p.Holder})";
        var field = p.Field is "mac" or "macs" ? "MAC" : p.Field;
        return $"conflict with machine {holder}: {field} {p.Value} is already registered to it";
    }
}
