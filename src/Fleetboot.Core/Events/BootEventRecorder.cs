using System.Threading.Channels;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Core.Events;

/// <summary>
/// Takes boot events from the protocol adapters without blocking them, resolves each to its machine
/// (by MAC when it has one; else by the address the machine last used with its MAC, or its static address) and writes
/// them to storage in batches, then hands them to the observers. A machine's identical consecutive events are folded
/// into the first one's count (<see cref="RepeatFolder"/>), most of them as they are recorded. Under a flood the oldest
/// unwritten events are dropped and counted rather than slowing a boot down.
/// </summary>
public sealed class BootEventRecorder : IBootEventSink
{
    private const int BatchSize = 256;

    // Events that trickle in (a DHCP exchange every few hundred microseconds) gather this long before they are written:
    // a transaction per event cost SQLite about 80 µs of CPU each, a transaction per batch a few µs per event.
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(20);
    private readonly IBootEventStore store;
    private readonly IMachineStore machines;
    private readonly BootEventRetention retention;
    private readonly ILogger<BootEventRecorder> logger;
    private readonly Channel<BootEvent> _queue;
    private readonly MachineAddressBook addresses;
    private readonly RepeatFolder _repeats;
    private long _droppedCount;
    private long _writtenSincePrune;
    private long _droppedReported;
    private const long DropReportMilliseconds = 10_000;
    private long _droppedReportedAt = -DropReportMilliseconds;

    // Events written per machine since that machine was last pruned (only the recorder's loop touches it).
    private readonly Dictionary<string, int> _unpruned = new(StringComparer.Ordinal);

    public BootEventRecorder(IBootEventStore store, IMachineStore machines, MachineAddressBook addresses, BootEventRetention retention, RepeatFolding folding,
        ILogger<BootEventRecorder> logger)
    {
        _repeats = new RepeatFolder(folding);
        this.addresses = addresses;
        this.store = store;
        this.machines = machines;
        this.retention = retention;
        this.logger = logger;
        _queue = Channel.CreateBounded<BootEvent>(
            new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped =>
            {
                _repeats.Dropped(dropped);
                Interlocked.Increment(ref _droppedCount);
            });
    }

    /// <summary>Events dropped since start because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _droppedCount);

    /// <summary>Raised after a batch is stored, with the events as stored (ids set); the live stream listens here.</summary>
    public event Action<IReadOnlyList<BootEvent>>? Stored;

    public void Record(BootEvent bootEvent)
    {
        if (!_repeats.FoldAtSource(bootEvent)) _queue.Writer.TryWrite(bootEvent);
    }

    /// <summary>Writes events until <paramref name="ct"/> is cancelled, then flushes what is queued and every folded count.</summary>
    /// <param name="observers">Called with every batch, in order, repeats folded in the loop included (of those folded as they were recorded, the newest of a run comes when its count is written); they may record events themselves.</param>
    public async Task RunAsync(IReadOnlyList<IBootEventObserver> observers, CancellationToken ct)
    {
        var arrivals = new List<(BootEvent Event, bool Folded)>(BatchSize);
        try
        {
            Task<bool>? ready = null;
            while (true)
            {
                ready ??= _queue.Reader.WaitToReadAsync(ct).AsTask();
                // Idle while repeats may fold (at the source, without waking this loop): write their counts when due.
                if (!ready.IsCompleted && _repeats.IsTracking) await Task.WhenAny(ready, Task.Delay(_repeats.NextWriteIn, ct));
                else if (!await ready) break;
                if (ready.IsCompleted)
                {
                    ready = null;
                    if (_queue.Reader.Count < BatchSize) await Task.Delay(Gather, ct);
                }
                await DrainAsync(arrivals, observers, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        await DrainAsync(arrivals, observers, CancellationToken.None);
        await WriteRepeatsAsync(_repeats.Due(all: true), observers, CancellationToken.None);
    }

    private async Task DrainAsync(List<(BootEvent Event, bool Folded)> arrivals, IReadOnlyList<IBootEventObserver> observers, CancellationToken ct)
    {
        do
        {
            arrivals.Clear();
            while (arrivals.Count < BatchSize && _queue.Reader.TryRead(out var e))
            {
                var resolved = await ResolveAsync(e, ct);
                arrivals.Add((resolved, _repeats.Fold(e, resolved)));
            }
            if (arrivals.Count > 0) await StoreAsync(arrivals, observers, ct);
            await WriteRepeatsAsync(_repeats.Due(all: false), observers, ct);
            ReportDropped();
        }
        while (arrivals.Count > 0);
    }

    private async Task StoreAsync(List<(BootEvent Event, bool Folded)> arrivals, IReadOnlyList<IBootEventObserver> observers, CancellationToken ct)
    {
        var batch = arrivals.Where(a => !a.Folded).Select(a => a.Event).ToList();
        IReadOnlyList<BootEvent> stored;
        try
        {
            stored = batch.Count == 0 ? [] : await store.AppendAsync(batch, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _repeats.NotStored();
            EventLog.WriteFailed(logger, batch.Count, e.Message);
            return;
        }
        _repeats.Stored(batch, stored);
        if (stored.Count > 0) Stored?.Invoke(stored);
        var observed = new List<BootEvent>(arrivals.Count);
        var next = 0;
        foreach (var (e, folded) in arrivals) observed.Add(folded ? e : stored[next++]);
        await ObserveAsync(observers, observed, ct);
        await PruneAsync(stored, ct);
    }

    /// <param name="due">Counts to write, and the newest repeat of each run that folded at the source, which the observers have not seen.</param>
    private async Task WriteRepeatsAsync((IReadOnlyList<BootEventRepeat> Counts, IReadOnlyList<BootEvent> Repeats) due,
        IReadOnlyList<IBootEventObserver> observers, CancellationToken ct)
    {
        if (due.Counts.Count > 0)
        {
            try
            {
                await store.CountRepeatsAsync(due.Counts, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                EventLog.RepeatsFailed(logger, due.Counts.Count, e.Message);
            }
        }
        if (due.Repeats.Count > 0) await ObserveAsync(observers, due.Repeats, ct);
    }

    private async Task ObserveAsync(IReadOnlyList<IBootEventObserver> observers, IReadOnlyList<BootEvent> events, CancellationToken ct)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.ObserveAsync(events, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                EventLog.ObserverFailed(logger, observer.GetType().Name, e.Message);
            }
        }
    }

    /// <summary>Says, at most every 10 s, how many events a full queue dropped since it last said so.</summary>
    private void ReportDropped()
    {
        var dropped = Dropped;
        if (dropped == _droppedReported || Environment.TickCount64 - _droppedReportedAt < DropReportMilliseconds) return;
        EventLog.Dropped(logger, dropped - _droppedReported, dropped);
        _droppedReported = dropped;
        _droppedReportedAt = Environment.TickCount64;
    }

    private async Task PruneAsync(IReadOnlyList<BootEvent> stored, CancellationToken ct)
    {
        HashSet<string>? due = null;
        foreach (var e in stored)
        {
            if (e.MachineId is not { } id) continue;
            var count = _unpruned.GetValueOrDefault(id) + 1;
            if (count < retention.MachineSlack)
            {
                _unpruned[id] = count;
                continue;
            }
            _unpruned.Remove(id);
            (due ??= new HashSet<string>(StringComparer.Ordinal)).Add(id);
        }
        _writtenSincePrune += stored.Count;
        if (due is null && _writtenSincePrune < retention.PruneEvery) return;
        _writtenSincePrune = 0;
        try
        {
            await store.PruneAsync((IReadOnlyCollection<string>?)due ?? [], retention.PerMachine, retention.Total, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EventLog.PruneFailed(logger, e.Message);
        }
    }

    private async Task<BootEvent> ResolveAsync(BootEvent e, CancellationToken ct)
    {
        var ip = HostOf(e.Source);
        if (e.MachineId is { Length: > 0 } id && e.Mac is not null)
        {
            addresses.Remember(ip, id);
            return e;
        }
        Machine? machine;
        // A MAC decides alone: an unknown one is nobody's, even when it comes from an address a machine uses (a relay, a
        // second NIC that is not registered, 0.0.0.0).
        if (MacAddress.TryParse(e.Mac, out var mac)) machine = await machines.FindByMacAsync(mac, ct);
        else
        {
            machine = addresses.MachineAt(ip) is { } knownId ? await machines.GetAsync(knownId, ct) : null;
            if (machine is null && ip is not null) machine = await machines.FindByIpAsync(ip, ct);
        }
        if (machine is null) return e with { MachineId = null };

        // Remember who uses which address, so that later requests without a MAC (assets, TFTP) are attributed.
        if (e.Mac is not null) addresses.Remember(ip, machine.Id);
        if (e.Data is not null && e.Data.TryGetValue("yiaddr", out var leased)) addresses.Remember(leased, machine.Id);
        return e with { MachineId = machine.Id, Mac = e.Mac ?? machine.PrimaryMac.ToString() };
    }

    private static string? HostOf(string source)
    {
        var colon = source.LastIndexOf(':');
        var host = colon > 0 && source.Count(c => c == ':') == 1 ? source[..colon] : source;
        return System.Net.IPAddress.TryParse(host, out _) ? host : null;
    }
}
