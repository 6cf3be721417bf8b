using Fleetboot.Core.Events;

namespace Fleetboot.Core.Abstractions;

/// <summary>Durable boot timeline. Ids grow monotonically, so <c>afterId</c> pages forward.</summary>
public interface IBootEventStore
{
    /// <returns>The events with their assigned ids, in the given order.</returns>
    Task<IReadOnlyList<BootEvent>> AppendAsync(IReadOnlyList<BootEvent> events, CancellationToken ct);

    /// <summary>Sets the stored events' counts of folded repeats and the times of their last repeats.</summary>
    Task CountRepeatsAsync(IReadOnlyList<BootEventRepeat> repeats, CancellationToken ct);

    /// <returns>The newest <paramref name="limit"/> events of the machine, oldest first.</returns>
    Task<IReadOnlyList<BootEvent>> ListForMachineAsync(string machineId, int limit, CancellationToken ct);

    /// <returns>The newest <paramref name="limit"/> events of all machines (and of none), oldest first.</returns>
    Task<IReadOnlyList<BootEvent>> ListLatestAsync(int limit, CancellationToken ct);

    /// <returns>Events with id greater than <paramref name="afterId"/> and time at or after <paramref name="since"/>, oldest first.</returns>
    Task<IReadOnlyList<BootEvent>> ListAsync(long afterId, DateTimeOffset? since, int limit, CancellationToken ct);

    /// <summary>Keeps the newest <paramref name="perMachine"/> events of each of <paramref name="machineIds"/> and at most <paramref name="total"/> overall.</summary>
    /// <returns>How many events were deleted.</returns>
    Task<int> PruneAsync(IReadOnlyCollection<string> machineIds, int perMachine, int total, CancellationToken ct);
}
