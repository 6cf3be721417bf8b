using Fleetboot.Core.Dhcp;

namespace Fleetboot.Core.Abstractions;

/// <summary>Subnets managed through the API, kept in the database by name.</summary>
public interface IDhcpSubnetStore
{
    Task<IReadOnlyList<DhcpSubnetOptions>> ListAsync(CancellationToken ct);

    /// <summary>Inserts or replaces the subnet with this name.</summary>
    Task SaveAsync(DhcpSubnetOptions subnet, CancellationToken ct);

    /// <returns>false when no subnet had this name.</returns>
    Task<bool> RemoveAsync(string name, CancellationToken ct);
}
