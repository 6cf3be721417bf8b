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

    /// <summary>Updates several machines in one write (one commit); machines that no longer exist are skipped.</summary>
    /// <returns>How many machines were updated.</returns>
    Task<int> UpdateManyAsync(IReadOnlyList<Machine> machines, CancellationToken ct);
    Task<bool> RemoveAsync(string id, CancellationToken ct);
}
