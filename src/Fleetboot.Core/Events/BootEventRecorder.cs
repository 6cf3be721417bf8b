using System.Threading.Channels;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Events;

/// <summary>
/// Takes boot events from the protocol adapters without blocking them, resolves each to its machine
/// (by MAC, else by the machine's static address) and writes them to storage in batches. Under a flood
/// the oldest unwritten events are dropped and counted rather than slowing a boot down.
/// </summary>
public sealed class BootEventRecorder : IBootEventSink
{
    private const int BatchSize = 256;
    private readonly IBootEventStore store;
    private readonly IMachineStore machines;
    private readonly BootEventRetention retention;
    private readonly Channel<BootEvent> _queue;
    private long _droppedCount;
    private long _writtenSincePrune;

    public BootEventRecorder(IBootEventStore store, IMachineStore machines, BootEventRetention retention)
    {
        this.store = store;
        this.machines = machines;
        this.retention = retention;
        _queue = Channel.CreateBounded<BootEvent>(
            new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _droppedCount));
    }

    /// <summary>Events dropped since start because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _droppedCount);

    /// <summary>Raised after a batch is stored, with the events as stored (ids set); the live stream listens here.</summary>
    public event Action<IReadOnlyList<BootEvent>>? Stored;

    public void Record(BootEvent bootEvent) => _queue.Writer.TryWrite(bootEvent);

    /// <summary>Writes events until <paramref name="ct"/> is cancelled, then flushes what is queued.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var batch = new List<BootEvent>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(ct))
                await DrainAsync(batch, CancellationToken.None);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await DrainAsync(batch, CancellationToken.None);
        }
    }

    private async Task DrainAsync(List<BootEvent> batch, CancellationToken ct)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var e)) batch.Add(await ResolveAsync(e, ct));
            if (batch.Count == 0) return;
            var stored = await store.AppendAsync(batch, ct);
            Stored?.Invoke(stored);
            _writtenSincePrune += stored.Count;
            if (_writtenSincePrune >= retention.PruneEvery)
            {
                _writtenSincePrune = 0;
                await store.PruneAsync(retention.PerMachine, retention.Total, ct);
            }
        }
    }

    private async Task<BootEvent> ResolveAsync(BootEvent e, CancellationToken ct)
    {
        if (e.MachineId is { Length: > 0 }) return e;
        Machine? machine = null;
        if (MacAddress.TryParse(e.Mac, out var mac)) machine = await machines.FindByMacAsync(mac, ct);
        if (machine is null && HostOf(e.Source) is { } ip) machine = await machines.FindByIpAsync(ip, ct);
        return machine is null ? e with { MachineId = null } : e with { MachineId = machine.Id, Mac = e.Mac ?? machine.PrimaryMac.ToString() };
    }

    private static string? HostOf(string source)
    {
        var colon = source.LastIndexOf(':');
        var host = colon > 0 && source.Count(c => c == ':') == 1 ? source[..colon] : source;
        return System.Net.IPAddress.TryParse(host, out _) ? host : null;
    }
}
