using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Tests.Fakes;

internal sealed class InMemoryMacReservationStore : IMacReservationStore
{
    private readonly Dictionary<MacAddress, MacReservation> _reservations = [];

    public Task<bool> TryReserveAsync(MacReservation reservation, CancellationToken ct) =>
        Task.FromResult(_reservations.TryAdd(reservation.Mac, reservation));

    public Task<bool> ReleaseAsync(MacAddress mac, CancellationToken ct) => Task.FromResult(_reservations.Remove(mac));

    public Task<MacReservation?> GetAsync(MacAddress mac, CancellationToken ct) => Task.FromResult(_reservations.GetValueOrDefault(mac));

    public Task<IReadOnlyList<MacReservation>> ListAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<MacReservation>>(_reservations.Values.OrderBy(r => r.Mac.Value).ToList());
}
