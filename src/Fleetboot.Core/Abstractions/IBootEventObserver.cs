using Fleetboot.Core.Events;

namespace Fleetboot.Core.Abstractions;

/// <summary>Acts on boot events once they are stored (lifecycle transitions, discovery), in the order they happened.</summary>
public interface IBootEventObserver
{
    Task ObserveAsync(IReadOnlyList<BootEvent> stored, CancellationToken ct);
}
