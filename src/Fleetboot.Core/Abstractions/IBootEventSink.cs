using Fleetboot.Core.Events;

namespace Fleetboot.Core.Abstractions;

/// <summary>Where protocol adapters report boot steps. Implementations must not block the caller's receive loop.</summary>
public interface IBootEventSink
{
    void Record(BootEvent bootEvent);
}
