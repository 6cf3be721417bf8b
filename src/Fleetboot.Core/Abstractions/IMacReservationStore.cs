using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Abstractions;

/// <summary>MAC addresses set aside (for VMs that do not exist yet) so that allocation never hands them out twice.</summary>
public interface IMacReservationStore
{
    /// <summary>Reserves atomically; false when already reserved.</summary>
    Task<bool> TryReserveAsync(MacReservation reservation, CancellationToken ct);
    Task<bool> ReleaseAsync(MacAddress mac, CancellationToken ct);
    Task<MacReservation?> GetAsync(MacAddress mac, CancellationToken ct);
    Task<IReadOnlyList<MacReservation>> ListAsync(CancellationToken ct);
}
