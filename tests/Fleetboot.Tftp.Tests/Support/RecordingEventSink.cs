using System.Collections.Concurrent;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Events;

namespace Fleetboot.Tftp.Tests.Support;

internal sealed class RecordingEventSink : IBootEventSink, IDisposable
{
    private readonly ConcurrentQueue<BootEvent> _events = new();
    private readonly SemaphoreSlim _signal = new(0);

    public IReadOnlyCollection<BootEvent> Events => _events;

    public void Record(BootEvent bootEvent)
    {
        _events.Enqueue(bootEvent);
        _signal.Release();
    }

    public void Dispose() => _signal.Dispose();

    public async Task WaitForCountAsync(Func<BootEvent, bool> predicate, int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (_events.Count(predicate) < count)
        {
            try
            {
                await _signal.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"expected {count} matching boot events, got {_events.Count(predicate)}");
            }
        }
    }

    public async Task<BootEvent> WaitForAsync(Func<BootEvent, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var match = _events.FirstOrDefault(predicate);
            if (match is not null) return match;
            try
            {
                await _signal.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("no matching boot event; got: " + string.Join("; ", _events.Select(e => $"{e.Outcome} {e.Message}")));
            }
        }
    }
}
