namespace Fleetboot.Tftp;

/// <summary>Lets one message through per interval and counts the ones it suppressed in between.</summary>
internal sealed class TftpLogLimiter(TimeProvider time, TimeSpan interval)
{
    private long _nextAllowed;
    private long _suppressed;

    /// <summary>True when this occurrence should be logged; <paramref name="suppressed"/> says how many were skipped since the last.</summary>
    public bool TryEnter(out long suppressed)
    {
        long now = time.GetTimestamp();
        long next = Interlocked.Read(ref _nextAllowed);
        if (now >= next && Interlocked.CompareExchange(ref _nextAllowed, now + (long)(interval.TotalSeconds * time.TimestampFrequency), next) == next)
        {
            suppressed = Interlocked.Exchange(ref _suppressed, 0);
            return true;
        }
        Interlocked.Increment(ref _suppressed);
        suppressed = 0;
        return false;
    }
}
