using System.Collections.Concurrent;

namespace Fleetboot.Core.Lifecycle;

/// <summary>
/// Remembers when this process last stored a machine's activity. A machine's stored activity only moves forward,
/// so an event within <see cref="MachineLifecycle.ActivityResolution"/> of a remembered stamp would change nothing:
/// the observer can skip reading the machine for it. Stale stamps are forgotten when the map grows.
/// </summary>
internal sealed class ActivityStamps
{
    private const int PruneAbove = 50_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _stored = new(StringComparer.Ordinal);

    public bool IsRecent(string machineId, DateTimeOffset at) =>
        _stored.TryGetValue(machineId, out var stored) && at - stored < MachineLifecycle.ActivityResolution;

    public void Remember(string machineId, DateTimeOffset? at)
    {
        if (at is { } stamp) _stored[machineId] = stamp;
        else _stored.TryRemove(machineId, out _);
    }

    public void Prune(DateTimeOffset now)
    {
        if (_stored.Count <= PruneAbove) return;
        foreach (var (id, stamp) in _stored)
            if (now - stamp >= MachineLifecycle.ActivityResolution) _stored.TryRemove(id, out _);
    }
}
