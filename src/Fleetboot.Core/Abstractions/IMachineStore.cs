using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Abstractions;

/// <summary>Durable machine registry. Writes throw <see cref="UniqueConflictException"/> when a unique value is taken.</summary>
public interface IMachineStore
{
    Task<Machine?> GetAsync(string id, CancellationToken ct);
    Task<Machine?> FindByMacAsync(MacAddress mac, CancellationToken ct);
    Task<Machine?> FindByHostnameAsync(string hostname, CancellationToken ct);
    Task<Machine?> FindByUuidAsync(Guid uuid, CancellationToken ct);
    Task<Machine?> FindByIpAsync(string ip, CancellationToken ct);
    Task<Page<Machine>> ListAsync(MachineQuery query, CancellationToken ct);
    Task AddAsync(Machine machine, CancellationToken ct);

    /// <returns>false when no machine has that id.</returns>
    Task<bool> UpdateAsync(Machine machine, CancellationToken ct);

    /// <summary>
    /// Moves each machine's <see cref="Machine.LastActivityAt"/> forward to the given time (never back) in one write,
    /// changing nothing else, so that it cannot undo a change made since the machine was read.
    /// </summary>
    /// <returns>How many machines moved.</returns>
    Task<int> RecordActivityAsync(IReadOnlyDictionary<string, DateTimeOffset> activity, CancellationToken ct);
    Task<bool> RemoveAsync(string id, CancellationToken ct);
}
