using Fleetboot.Core.Abstractions;

namespace Fleetboot.Core.Machines;

/// <summary>
/// Keeps the machines that boot requests look up (by MAC and by id) in memory, so that a boot storm costs no
/// database read per request. Writes through this store drop the machine at once, so this process never serves a
/// stale copy; <see cref="MaxAge"/> bounds how stale a copy can be when another server sharing the database wrote.
/// A MAC that no machine holds is remembered as unknown the same way (every DHCP packet of an unregistered client asks),
/// and forgotten at any write through this store: a machine registered elsewhere shows up within <see cref="MaxAge"/>.
/// </summary>
public sealed class CachedMachineStore(IMachineStore inner, TimeProvider time, int capacity = 50_000) : IMachineStore
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<MacAddress, string> _idByMac = [];
    private readonly Dictionary<MacAddress, long> _unknownSince = [];

    // Bumped by every write: a read that started before a write must not put what it read into the cache.
    private long _writes;

    private sealed record Entry(Machine Machine, long LoadedAt);

    public async Task<Machine?> GetAsync(string id, CancellationToken ct)
    {
        var writes = Volatile.Read(ref _writes);
        lock (_lock)
        {
            if (FreshLocked(id) is { } cached) return cached;
        }
        return Remember(await inner.GetAsync(id, ct), writes);
    }

    public async Task<Machine?> FindByMacAsync(MacAddress mac, CancellationToken ct)
    {
        var writes = Volatile.Read(ref _writes);
        lock (_lock)
        {
            if (_idByMac.TryGetValue(mac, out var id) && FreshLocked(id) is { } cached && cached.Macs.Contains(mac)) return cached;
            if (_unknownSince.TryGetValue(mac, out var since) && time.GetElapsedTime(since) < MaxAge) return null;
        }
        var machine = await inner.FindByMacAsync(mac, ct);
        if (machine is null) RememberUnknown(mac, writes);
        return Remember(machine, writes);
    }

    public Task<Machine?> FindByHostnameAsync(string hostname, CancellationToken ct) => inner.FindByHostnameAsync(hostname, ct);

    public Task<Machine?> FindByUuidAsync(Guid uuid, CancellationToken ct) => inner.FindByUuidAsync(uuid, ct);

    public Task<Machine?> FindByIpAsync(string ip, CancellationToken ct) => inner.FindByIpAsync(ip, ct);

    public Task<Page<Machine>> ListAsync(MachineQuery query, CancellationToken ct) => inner.ListAsync(query, ct);

    public async Task AddAsync(Machine machine, CancellationToken ct)
    {
        try
        {
            await inner.AddAsync(machine, ct);
        }
        finally
        {
            Forget([machine.Id]);
        }
    }

    public async Task<bool> UpdateAsync(Machine machine, CancellationToken ct)
    {
        try
        {
            return await inner.UpdateAsync(machine, ct);
        }
        finally
        {
            Forget([machine.Id]);
        }
    }

    /// <summary>
    /// Cached copies take the new stamps rather than being dropped: a boot storm stamps every machine every
    /// half minute, and re-reading them all would cost a database read (and a render) per machine each time.
    /// </summary>
    public async Task<int> RecordActivityAsync(IReadOnlyDictionary<string, DateTimeOffset> activity, CancellationToken ct)
    {
        int moved;
        try
        {
            moved = await inner.RecordActivityAsync(activity, ct);
        }
        catch
        {
            Forget(activity.Keys);
            throw;
        }
        lock (_lock)
        {
            _writes++;
            foreach (var (id, at) in activity)
            {
                // Stored activity only moves forward, so the cached copy does the same.
                if (_byId.TryGetValue(id, out var entry) && !(entry.Machine.LastActivityAt >= at))
                    _byId[id] = entry with { Machine = entry.Machine with { LastActivityAt = at } };
            }
        }
        return moved;
    }

    public async Task<bool> RemoveAsync(string id, CancellationToken ct)
    {
        try
        {
            return await inner.RemoveAsync(id, ct);
        }
        finally
        {
            Forget([id]);
        }
    }

    private Machine? FreshLocked(string id)
    {
        if (!_byId.TryGetValue(id, out var entry)) return null;
        return time.GetElapsedTime(entry.LoadedAt) < MaxAge ? entry.Machine : null;
    }

    /// <param name="writesBefore">The write count read before the database read began.</param>
    private Machine? Remember(Machine? machine, long writesBefore)
    {
        if (machine is null) return null;
        lock (_lock)
        {
            if (_writes != writesBefore) return machine;
            if (_byId.Count >= capacity)
            {
                _byId.Clear();
                _idByMac.Clear();
            }
            // A copy read again only because of its age stays the same instance when nothing changed, so that what was
            // rendered for it (keyed by the instance) stays valid.
            if (_byId.TryGetValue(machine.Id, out var old) && old.Machine.UpdatedAt == machine.UpdatedAt
                && old.Machine.LastActivityAt == machine.LastActivityAt && old.Machine.Macs.SequenceEqual(machine.Macs))
                machine = old.Machine;
            _byId[machine.Id] = new Entry(machine, time.GetTimestamp());
            foreach (var mac in machine.Macs) _idByMac[mac] = machine.Id;
        }
        return machine;
    }

    private void RememberUnknown(MacAddress mac, long writesBefore)
    {
        lock (_lock)
        {
            if (_writes != writesBefore) return;
            if (_unknownSince.Count >= capacity) _unknownSince.Clear();
            _unknownSince[mac] = time.GetTimestamp();
        }
    }

    private void Forget(IEnumerable<string> ids)
    {
        lock (_lock)
        {
            _writes++;
            _unknownSince.Clear();
            foreach (var id in ids) _byId.Remove(id);
        }
    }
}
