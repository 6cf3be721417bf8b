using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Tests.Fakes;

/// <summary>Passes everything to another store, counting lookups; a lookup by MAC can be held at a gate after it read.</summary>
internal sealed class GatedMachineStore(IMachineStore inner) : IMachineStore
{
    public int Lookups { get; private set; }

    /// <summary>When set, a lookup by MAC reads, then waits for this task before it returns what it read.</summary>
    public Task? Gate { get; set; }

    /// <summary>Completed when a lookup by MAC has read and is waiting at the gate.</summary>
    public TaskCompletionSource AtGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<Machine?> GetAsync(string id, CancellationToken ct)
    {
        Lookups++;
        return await inner.GetAsync(id, ct);
    }

    public async Task<Machine?> FindByMacAsync(MacAddress mac, CancellationToken ct)
    {
        Lookups++;
        var machine = await inner.FindByMacAsync(mac, ct);
        if (Gate is { } gate)
        {
            AtGate.TrySetResult();
            await gate.WaitAsync(ct);
        }
        return machine;
    }

    public Task<Machine?> FindByHostnameAsync(string hostname, CancellationToken ct) => inner.FindByHostnameAsync(hostname, ct);
    public Task<Machine?> FindByUuidAsync(Guid uuid, CancellationToken ct) => inner.FindByUuidAsync(uuid, ct);
    public Task<Machine?> FindByIpAsync(string ip, CancellationToken ct) => inner.FindByIpAsync(ip, ct);
    public Task<Page<Machine>> ListAsync(MachineQuery query, CancellationToken ct) => inner.ListAsync(query, ct);
    public Task AddAsync(Machine machine, CancellationToken ct) => inner.AddAsync(machine, ct);
    public Task<bool> UpdateAsync(Machine machine, CancellationToken ct) => inner.UpdateAsync(machine, ct);
    public Task<int> RecordActivityAsync(IReadOnlyDictionary<string, DateTimeOffset> activity, CancellationToken ct) => inner.RecordActivityAsync(activity, ct);
    public Task<bool> RemoveAsync(string id, CancellationToken ct) => inner.RemoveAsync(id, ct);
}
