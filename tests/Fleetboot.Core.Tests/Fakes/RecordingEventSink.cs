using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Events;

namespace Fleetboot.Core.Tests.Fakes;

/// <summary>Keeps what was recorded, in order.</summary>
internal sealed class RecordingEventSink : IBootEventSink
{
    private readonly List<BootEvent> _events = [];

    public IReadOnlyList<BootEvent> Events
    {
        get
        {
            lock (_events) return _events.ToList();
        }
    }

    public void Record(BootEvent bootEvent)
    {
        lock (_events) _events.Add(bootEvent);
    }
}
