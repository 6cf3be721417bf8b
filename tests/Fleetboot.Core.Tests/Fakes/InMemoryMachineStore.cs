using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Tests.Fakes;

/// <summary>An honest in-memory registry: unique MACs, host names, UUIDs and IPs, like the real stores.</summary>
internal sealed class InMemoryMachineStore : IMachineStore
{
    private readonly Dictionary<string, Machine> _machines = new(StringComparer.Ordinal);

    public IReadOnlyCollection<Machine> All => _machines.Values;

    public Task<Machine?> GetAsync(string id, CancellationToken ct) =>
        Task.FromResult(_machines.GetValueOrDefault(id));

    public Task<Machine?> FindByMacAsync(MacAddress mac, CancellationToken ct) =>
        Task.FromResult(_machines.Values.FirstOrDefault(m => m.Macs.Contains(mac)));

    public Task<Machine?> FindByHostnameAsync(string hostname, CancellationToken ct) =>
        Task.FromResult(_machines.Values.FirstOrDefault(m => m.Hostname == hostname));

    public Task<Machine?> FindByUuidAsync(Guid uuid, CancellationToken ct) =>
        Task.FromResult(_machines.Values.FirstOrDefault(m => m.Uuid == uuid));

    public Task<Machine?> FindByIpAsync(string ip, CancellationToken ct) =>
        Task.FromResult(_machines.Values.FirstOrDefault(m => m.StaticIp == ip));

    public Task<Page<Machine>> ListAsync(MachineQuery query, CancellationToken ct)
    {
        var matches = _machines.Values
            .Where(m => query.Labels.All(l => m.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
            .Where(m => query.Role is null || m.Role == query.Role)
            .Where(m => query.ProfileId is null || m.ProfileId == query.ProfileId)
            .Where(m => query.State is null || m.State == query.State)
            .OrderBy(m => m.Hostname, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new Page<Machine>(matches.Skip(query.Offset).Take(query.Limit).ToList(), matches.Count, query.Offset, query.Limit));
    }

    public Task AddAsync(Machine machine, CancellationToken ct)
    {
        if (_machines.ContainsKey(machine.Id)) throw new UniqueConflictException("id", machine.Id, machine.Id);
        CheckUnique(machine);
        _machines[machine.Id] = machine;
        return Task.CompletedTask;
    }

    public Task<bool> UpdateAsync(Machine machine, CancellationToken ct)
    {
        if (!_machines.ContainsKey(machine.Id)) return Task.FromResult(false);
        CheckUnique(machine);
        _machines[machine.Id] = machine;
        return Task.FromResult(true);
    }

    public Task<int> RecordActivityAsync(IReadOnlyDictionary<string, DateTimeOffset> activity, CancellationToken ct)
    {
        var moved = 0;
        foreach (var (id, at) in activity)
        {
            if (!_machines.TryGetValue(id, out var machine) || machine.LastActivityAt >= at) continue;
            _machines[id] = machine with { LastActivityAt = at };
            moved++;
        }
        return Task.FromResult(moved);
    }

    public Task<bool> RemoveAsync(string id, CancellationToken ct) => Task.FromResult(_machines.Remove(id));

    private void CheckUnique(Machine machine)
    {
        foreach (var other in _machines.Values.Where(o => o.Id != machine.Id))
        {
            foreach (var mac in machine.Macs.Where(other.Macs.Contains))
                throw new UniqueConflictException("mac", mac.ToString(), other.Id);
            if (machine.Hostname is not null && other.Hostname == machine.Hostname)
                throw new UniqueConflictException("hostname", machine.Hostname, other.Id);
            if (machine.Uuid is not null && other.Uuid == machine.Uuid)
                throw new UniqueConflictException("uuid", machine.Uuid.ToString()!, other.Id);
            if (machine.StaticIp is not null && other.StaticIp == machine.StaticIp)
                throw new UniqueConflictException("staticIp", machine.StaticIp, other.Id);
        }
    }
}
