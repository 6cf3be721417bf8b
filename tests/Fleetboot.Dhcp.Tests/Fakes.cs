using System.Collections.Concurrent;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Events;
using Fleetboot.Core.Machines;

namespace Fleetboot.Dhcp.Tests;

internal sealed class RecordingEventSink : IBootEventSink
{
    public ConcurrentQueue<BootEvent> Events { get; } = new();

    public void Record(BootEvent bootEvent) => Events.Enqueue(bootEvent);
}

internal sealed class FakeMachineDirectory : IDhcpMachineDirectory
{
    public Dictionary<MacAddress, DhcpMachineBinding> Machines { get; } = [];
    public List<DhcpReservation> Reservations { get; } = [];
    public ConcurrentQueue<DiscoveredNetbootClient> Discovered { get; } = new();

    public ValueTask<DhcpMachineBinding?> FindAsync(MacAddress mac, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Machines.GetValueOrDefault(mac));

    public ValueTask<IReadOnlyList<DhcpReservation>> GetReservationsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<DhcpReservation>>([.. Reservations]);

    public ValueTask RecordDiscoveredAsync(DiscoveredNetbootClient client, CancellationToken cancellationToken)
    {
        Discovered.Enqueue(client);
        return ValueTask.CompletedTask;
    }
}

/// <summary>An in-memory lease store that can be told to fail, to check that ACKs wait for durability.</summary>
internal sealed class MemoryLeaseStore : ILeaseStore
{
    public ConcurrentDictionary<string, DhcpLease> Rows { get; } = new();
    public bool Fail { get; set; }
    public int Saves;

    public Task<IReadOnlyList<DhcpLease>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DhcpLease>>([.. Rows.Values]);

    public Task SaveAsync(IReadOnlyList<DhcpLease> leases, CancellationToken cancellationToken)
    {
        if (Fail) throw new IOException("disk on fire");
        Interlocked.Increment(ref Saves);
        foreach (var l in leases) Rows[l.Address.ToString()] = l;
        return Task.CompletedTask;
    }
}
