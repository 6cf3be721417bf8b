namespace Fleetboot.Dhcp;

/// <summary>Lets a few malformed-packet log lines through per window and counts the rest.</summary>
internal sealed class MalformedPacketLimiter(TimeProvider time, int perWindow, TimeSpan window)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _inWindow;
    private long _suppressed;

    /// <summary>True when this one may be logged; <paramref name="suppressedBefore"/> is the count hidden in the previous window (report it once).</summary>
    public bool TryAcquire(out long suppressedBefore)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            suppressedBefore = 0;
            if (now - _windowStart >= window)
            {
                suppressedBefore = _suppressed;
                _suppressed = 0;
                _inWindow = 0;
                _windowStart = now;
            }
            if (_inWindow < perWindow)
            {
                _inWindow++;
                return true;
            }
            _suppressed++;
            return false;
        }
    }
}
