using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace Fleetboot.Tftp;

/// <summary>
/// Receives one transfer's datagrams on its <see cref="TftpTransferLoop"/>'s thread. The socket is watched edge-triggered,
/// so an event that arrives while nobody waits is remembered (<see cref="_mayHaveData"/>) rather than lost; a receive
/// reads the socket first only then, and otherwise waits for the next event or its deadline.
/// </summary>
internal sealed class TftpLoopReceiver : IValueTaskSource<int>, IDisposable
{
    private const int NoData = int.MinValue;

    private readonly TftpTransferLoop _loop;
    private readonly Socket _socket;
    private ManualResetValueTaskSourceCore<int> _core; // continuations run inline, on the loop thread
    private Memory<byte> _buffer;
    private bool _waiting;
    private bool _mayHaveData = true;
    private long _due;
    private long _scheduledDue = long.MaxValue; // the earliest entry for this receiver in the loop's deadline queue

    public TftpLoopReceiver(TftpTransferLoop loop, Socket socket, ulong cookie)
    {
        _loop = loop;
        _socket = socket;
        Cookie = cookie;
    }

    /// <summary>What the loop's epoll set reports for this socket: its slot and a generation, so a stale event finds nobody.</summary>
    public ulong Cookie { get; }

    /// <summary>As <see cref="ITftpTransferPort.ReceiveAsync"/>; call on the loop's thread.</summary>
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, TimeSpan timeout)
    {
        _loop.Stopping.ThrowIfCancellationRequested();
        if (!_loop.IsCurrent) throw new InvalidOperationException("a loop transfer receives on its loop's thread");
        if (_mayHaveData)
        {
            int n = TryReceive(buffer.Span);
            if (n != NoData) return new ValueTask<int>(n);
            _mayHaveData = false;
        }
        _buffer = buffer;
        _waiting = true;
        _core.Reset();
        _due = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        if (_due < _scheduledDue)
        {
            _scheduledDue = _due;
            _loop.Schedule(this, _due);
        }
        return new ValueTask<int>(this, _core.Version);
    }

    /// <summary>The loop saw data arrive.</summary>
    public void OnReadable()
    {
        _mayHaveData = true;
        if (!_waiting) return;
        int n;
        try
        {
            n = TryReceive(_buffer.Span);
        }
        catch (SocketException ex)
        {
            Finish().SetException(ex);
            return;
        }
        if (n == NoData) _mayHaveData = false;
        else Finish().SetResult(n);
    }

    /// <summary>
    /// The loop's entry for <paramref name="due"/> came up. Only the earliest entry counts; a wait that began later
    /// than that entry's wait is scheduled again for its own deadline.
    /// </summary>
    public void OnDue(long due, long now)
    {
        if (due != _scheduledDue) return;
        _scheduledDue = long.MaxValue;
        if (!_waiting) return;
        if (_due <= now)
        {
            Finish().SetResult(ITftpTransferPort.TimedOut);
            return;
        }
        _scheduledDue = _due;
        _loop.Schedule(this, _due);
    }

    /// <summary>The server is stopping: a waiting receive ends with <see cref="OperationCanceledException"/>.</summary>
    public void OnStopped()
    {
        if (_waiting) Finish().SetException(new OperationCanceledException(_loop.Stopping));
    }

    public void Dispose() => _loop.Unregister(this);

    private int TryReceive(Span<byte> buffer)
    {
        int n = _socket.Receive(buffer, SocketFlags.None, out var error);
        return error switch
        {
            SocketError.Success => n,
            SocketError.WouldBlock => NoData,
            _ when ITftpTransferPort.Interrupts(error) => ITftpTransferPort.Interrupted,
            _ => throw new SocketException((int)error),
        };
    }

    private ref ManualResetValueTaskSourceCore<int> Finish()
    {
        _waiting = false;
        _buffer = default;
        return ref _core;
    }

    public int GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
