using System.CommandLine;
using System.Threading.Channels;
using Fleetboot.Cli.Verbs.Events;
using Fleetboot.Contracts;
using Spectre.Console;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary>
/// <c>fleetboot machines watch</c>: a live table of every machine (state, phase, last event, time in its state), kept
/// current from the event stream and a full reload every <c>--refresh</c> seconds, until Ctrl-C (exit 0). When stdout is
/// not a terminal it prints the whole table again after each change; with <c>--output json</c>, each changed machine as one line.
/// </summary>
internal static class MachinesWatchCommand
{
    public static Command Create()
    {
        var refresh = new Option<int>("--refresh") { Description = "reload the whole list every this many seconds (default 30)", HelpName = "SECONDS", DefaultValueFactory = _ => 30 };
        var command = new Command("watch", "live table of machines: state, phase, last event, time in state (Ctrl-C to stop)");
        command.Options.Add(refresh);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var seconds = parse.GetValue(refresh);
            if (seconds < 1) throw new CliException($"--refresh {seconds} must be at least 1 second", ExitCodes.Usage);
            var board = new WatchBoard(context.Client);
            await board.RefreshAsync(withEvents: true, ct);
            try
            {
                if (CliOutput.IsTerminal && !context.Output.IsJson) await LiveAsync(context, board, TimeSpan.FromSeconds(seconds), ct);
                else await PrintChangesAsync(context, board, TimeSpan.FromSeconds(seconds), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl-C: the live display has restored the terminal; a normal exit.
            }
        });
        return command;
    }

    private static async Task LiveAsync(CliContext context, WatchBoard board, TimeSpan refresh, CancellationToken ct)
    {
        var terminal = context.Output.Terminal;
        await terminal.Live(board.Render(DateTimeOffset.UtcNow)).AutoClear(false).StartAsync(async live =>
        {
            try
            {
                await RunAsync(context, board, refresh, TimeSpan.FromSeconds(1), () =>
                {
                    board.TakeChanged();
                    live.UpdateTarget(board.Render(DateTimeOffset.UtcNow));
                }, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Leave the live display normally so that it restores the cursor.
            }
        });
    }

    private static Task PrintChangesAsync(CliContext context, WatchBoard board, TimeSpan refresh, CancellationToken ct)
    {
        var output = context.Output;
        void Print(bool all)
        {
            var changed = board.TakeChanged();
            if (output.IsJson)
            {
                foreach (var m in all ? changed : changed) output.WriteJsonLine(m, FleetbootJsonContext.Default.MachineDto);
                return;
            }
            if (!all && changed.Count == 0) return;
            output.Write(board.Render(DateTimeOffset.UtcNow));
            output.Line("");
        }
        Print(all: true);
        return RunAsync(context, board, refresh, null, () => Print(all: false), ct);
    }

    /// <summary>Feeds stream events and periodic reloads into the board and calls <paramref name="show"/> after each change (and every tick).</summary>
    private static async Task RunAsync(CliContext context, WatchBoard board, TimeSpan refresh, TimeSpan? tick, Action show, CancellationToken ct)
    {
        var events = Channel.CreateBounded<BootEventDto>(new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pump = Task.Run(async () =>
        {
            try
            {
                await EventsTailCommand.FollowAsync(context, null, board.LastEventId, e => events.Writer.WriteAsync(e, stop.Token).AsTask(), stop.Token);
            }
            finally
            {
                events.Writer.TryComplete();
            }
        }, CancellationToken.None);
        try
        {
            var nextReload = DateTimeOffset.UtcNow + refresh;
            var wait = events.Reader.WaitToReadAsync(ct).AsTask();
            while (true)
            {
                var period = tick ?? refresh;
                var untilReload = nextReload - DateTimeOffset.UtcNow;
                var delay = untilReload < period ? untilReload : period;
                if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var timer = Task.Delay(delay, idle.Token);
                var changed = false;
                if (await Task.WhenAny(wait, timer) == wait)
                {
                    await idle.CancelAsync();
                    if (!await wait) break;
                    while (events.Reader.TryRead(out var e)) changed |= await board.ApplyAsync(e, ct);
                    wait = events.Reader.WaitToReadAsync(ct).AsTask();
                }
                ct.ThrowIfCancellationRequested();
                if (DateTimeOffset.UtcNow >= nextReload)
                {
                    changed |= await board.RefreshAsync(withEvents: false, ct);
                    nextReload = DateTimeOffset.UtcNow + refresh;
                }
                if (changed || tick is not null) show();
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await pump;
            }
            catch (OperationCanceledException)
            {
                // The pump stops with the watch.
            }
        }
        await pump; // surfaces why the stream ended for good (such as a 4xx from the server)
    }
}
