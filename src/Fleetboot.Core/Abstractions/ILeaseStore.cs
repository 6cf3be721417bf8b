using Fleetboot.Core.Dhcp;

namespace Fleetboot.Core.Abstractions;

/// <summary>Durable storage of DHCP leases.</summary>
public interface ILeaseStore
{
    /// <summary>Every stored lease (active, released and declined) to rebuild the allocator at start-up.</summary>
    Task<IReadOnlyList<DhcpLease>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Upserts by address in one transaction. When the task completes the leases are durable (the caller ACKs only then).</summary>
    Task SaveAsync(IReadOnlyList<DhcpLease> leases, CancellationToken cancellationToken);
}
