using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Dhcp;

/// <summary>The machine registry as DHCP sees it. Implemented by the registry; DHCP never writes machines otherwise.</summary>
public interface IDhcpMachineDirectory
{
    /// <summary>The registry's entry for a MAC, or null when the machine is unknown. Called once per DISCOVER/REQUEST; keep it fast.</summary>
    ValueTask<DhcpMachineBinding?> FindAsync(MacAddress mac, CancellationToken cancellationToken);

    /// <summary>Every machine with a static address; refreshed periodically so the allocator never hands them to others.</summary>
    ValueTask<IReadOnlyList<DhcpReservation>> GetReservationsAsync(CancellationToken cancellationToken);

    /// <summary>Records a netboot client that <see cref="FindAsync"/> did not know. Must not block for long.</summary>
    ValueTask RecordDiscoveredAsync(DiscoveredNetbootClient client, CancellationToken cancellationToken);
}
