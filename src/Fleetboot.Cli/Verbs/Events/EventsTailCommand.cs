using System.CommandLine;
using Fleetboot.Client;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Events;

/// <summary>
/// <c>fleetboot events tail [--machine HOST] [--limit N] [--follow]</c>: the newest events as a table; with
/// <c>--follow</c> then every new event as it is stored, until Ctrl-C (exit 0). <c>--output json</c>: one object per line.
/// </summary>
internal static class EventsTailCommand
{
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var machine = new Option<string?>("--machine") { Description = "only this machine's events (id, MAC or host name)", HelpName = "HOST" };
        var limit = new Option<int>("--limit", "-n") { Description = "how many of the newest events to show first (default 20, 0 with --follow: only new ones)", HelpName = "N", DefaultValueFactory = _ => 20 };
        var follow = new Option<bool>("--follow", "-f") { Description = "keep printing events as they happen, until Ctrl-C" };
        var command = new Command("tail", "show the newest boot events; --follow streams new ones");
        command.Options.Add(machine);
        command.Options.Add(limit);
        command.Options.Add(follow);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var host = parse.GetValue(machine);
            var count = parse.GetValue(limit);
            var following = parse.GetValue(follow);
            if (count < 0 || count > 1000 || count == 0 && !following)
                throw new CliException($"--limit {count} is out of range (1 to 1000; 0 only with --follow)", ExitCodes.Usage);
            var output = context.Output;
            var names = new MachineNameCache(context.Client);
            if (!output.IsJson) await names.LoadAsync(ct);

            IReadOnlyList<BootEventDto> recent = count == 0 ? []
                : host is null ? await context.Client.ListEventsAsync(limit: count, ct: ct)
                : await context.Client.ListMachineEventsAsync(host, count, ct);
            if (!following)
            {
                if (output.IsJson) foreach (var e in recent) output.WriteJsonLine(e, FleetbootJsonContext.Default.BootEventDto);
                else EventView.Table(output, recent, names);
                return;
            }

            if (!output.IsJson) output.Line(EventView.Header());
            foreach (var e in recent) await PrintAsync(output, names, e, ct);
            // Resume after the last event shown, so nothing stored in between is missed; with --limit 0, only what comes next.
            long? last = recent.Count > 0 ? recent[^1].Id : count == 0 ? null : 0;
            try
            {
                await FollowAsync(context, host, last, e => PrintAsync(output, names, e, ct), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl-C ends following: a normal exit.
            }
        });
        return command;
    }

    /// <summary>Reads the live stream until cancelled, reconnecting (and resuming after the last event seen) when it breaks.</summary>
    public static async Task FollowAsync(CliContext context, string? machine, long? last, Func<BootEventDto, Task> onEvent, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await foreach (var e in context.StreamClient.StreamEventsAsync(last, machine, null, ct))
                {
                    last = e.Id;
                    await onEvent(e);
                }
            }
            catch (HttpRequestException) when (!ct.IsCancellationRequested)
            {
                // The server went away: try again shortly.
            }
            catch (IOException) when (!ct.IsCancellationRequested)
            {
                // The connection broke mid-stream.
            }
            catch (FleetbootApiException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
            {
                throw; // the machine is gone: following it is over
            }
            await Task.Delay(Reconnect, ct);
        }
    }

    private static async Task PrintAsync(CliOutput output, MachineNameCache names, BootEventDto e, CancellationToken ct)
    {
        if (output.IsJson) output.WriteJsonLine(e, FleetbootJsonContext.Default.BootEventDto);
        else output.Line(EventView.Line(e, await names.NameAsync(e, ct)));
    }
}
