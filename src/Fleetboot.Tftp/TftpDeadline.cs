namespace Fleetboot.Tftp;

/// <summary>
/// A reusable retransmission timer for one transfer: <see cref="Arm"/> returns a token that is cancelled when the
/// timeout elapses (on the injected <see cref="TimeProvider"/>) or the server stops.
/// </summary>
internal sealed class TftpDeadline : IDisposable
{
    private readonly TimeProvider _time;
    private readonly CancellationToken _stopping;
    private readonly CancellationTokenRegistration _registration;
    private CancellationTokenSource _source;

    public TftpDeadline(TimeProvider time, CancellationToken stopping)
    {
        _time = time;
        _stopping = stopping;
        _source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _registration = stopping.UnsafeRegister(static state => ((TftpDeadline)state!).CancelCurrent(), this);
    }

    public CancellationToken Arm(TimeSpan timeout)
    {
        _stopping.ThrowIfCancellationRequested();
        if (!_source.TryReset())
        {
            var old = _source;
            Volatile.Write(ref _source, new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time));
            old.Dispose();
            if (_stopping.IsCancellationRequested) CancelCurrent();
        }
        _source.CancelAfter(timeout);
        return _source.Token;
    }

    private void CancelCurrent()
    {
        try
        {
            Volatile.Read(ref _source).Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _registration.Dispose();
        _source.Dispose();
    }
}
