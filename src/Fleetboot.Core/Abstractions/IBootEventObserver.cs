using Fleetboot.Core.Events;

namespace Fleetboot.Core.Abstractions;

/// <summary>
/// Acts on boot events once they are stored (lifecycle transitions, discovery), in the order they happened. A repeat that
/// was folded as it was recorded (see <see cref="Events.RepeatFolder"/>) is not seen one by one: the newest of a run's
/// repeats comes when its count is written.
/// </summary>
public interface IBootEventObserver
{
    Task ObserveAsync(IReadOnlyList<BootEvent> stored, CancellationToken ct);
}
