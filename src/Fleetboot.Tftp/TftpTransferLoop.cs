using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Fleetboot.Tftp;

/// <summary>
/// One thread that drives many transfers. It waits on an epoll set of their sockets and runs a transfer's code inline
/// when its datagram arrives or its retransmission timer fires: no packet hops between threads, and under load one
/// wake-up serves several transfers. A transfer comes aboard with <see cref="SwitchTo"/> and then receives through the
/// <see cref="TftpLoopReceiver"/> of its socket. Its file reads run here too, which suits files in the page cache.
/// Once the server stops, waiting receives end with <see cref="OperationCanceledException"/> and the thread leaves
/// when its last socket is gone.
/// </summary>
internal sealed class TftpTransferLoop
{
    private const int MaxEvents = 64;
    private const ulong WakeCookie = ulong.MaxValue;

    private readonly int _epoll;
    private readonly int _wake;
    private readonly CancellationTokenRegistration _stopRegistration;
    private readonly Thread _thread;
    private readonly ConcurrentQueue<Action> _posted = new();
    private readonly PriorityQueue<TftpLoopReceiver, long> _deadlines = new();
    private readonly Lock _gate = new();
    private readonly List<TftpLoopReceiver?> _receivers = [];
    private readonly Stack<int> _freeSlots = new();
    private uint _generation;
    private bool _exited;

    public TftpTransferLoop(CancellationToken stopping)
    {
        Stopping = stopping;
        _epoll = LinuxEpoll.Create();
        _wake = LinuxEpoll.CreateWakeEvent();
        LinuxEpoll.WatchReadable(_epoll, _wake, WakeCookie);
        _stopRegistration = stopping.UnsafeRegister(static loop => ((TftpTransferLoop)loop!).Wake(), this);
        _thread = new Thread(Run, maxStackSize: 256 * 1024) { IsBackground = true, Name = "tftp loop" };
        _thread.Start();
    }

    public bool IsCurrent => Thread.CurrentThread == _thread;

    public CancellationToken Stopping { get; }

    /// <summary>Code after awaiting this runs on the loop's thread (on the thread pool once the loop has exited).</summary>
    public SwitchAwaitable SwitchTo() => new(this);

    /// <summary>Watches <paramref name="socket"/> (non-blocking, owned by the caller, who disposes the receiver before the socket).</summary>
    public TftpLoopReceiver Register(Socket socket)
    {
        lock (_gate)
        {
            if (_exited) throw new OperationCanceledException(Stopping);
            int slot;
            if (_freeSlots.Count > 0) slot = _freeSlots.Pop();
            else
            {
                slot = _receivers.Count;
                _receivers.Add(null);
            }
            var receiver = new TftpLoopReceiver(this, socket, (ulong)++_generation << 32 | (uint)slot);
            LinuxEpoll.WatchReadable(_epoll, (int)socket.Handle, receiver.Cookie);
            _receivers[slot] = receiver;
            return receiver;
        }
    }

    public void Unregister(TftpLoopReceiver receiver)
    {
        lock (_gate)
        {
            int slot = (int)(uint)receiver.Cookie;
            if (_receivers[slot] != receiver) return;
            _receivers[slot] = null;
            _freeSlots.Push(slot);
            if (Registered == 0 && Stopping.IsCancellationRequested) LinuxEpoll.Signal(_wake);
        }
    }

    /// <summary>Runs <paramref name="receiver"/>'s <see cref="TftpLoopReceiver.OnDue"/> once <paramref name="due"/> (a <see cref="Stopwatch"/> timestamp) has passed. Loop thread only.</summary>
    public void Schedule(TftpLoopReceiver receiver, long due) => _deadlines.Enqueue(receiver, due);

    private void Post(Action action)
    {
        lock (_gate)
        {
            if (!_exited)
            {
                _posted.Enqueue(action);
                LinuxEpoll.Signal(_wake);
                return;
            }
        }
        ThreadPool.UnsafeQueueUserWorkItem(static a => a(), action, preferLocal: false);
    }

    private void Wake()
    {
        lock (_gate)
        {
            if (!_exited) LinuxEpoll.Signal(_wake);
        }
    }

    private void Run()
    {
        var events = new byte[MaxEvents * LinuxEpoll.EventSize];
        while (true)
        {
            while (_posted.TryDequeue(out var action)) action();
            if (Stopping.IsCancellationRequested)
            {
                foreach (var receiver in RegisteredReceivers()) receiver.OnStopped();
                if (TryExit()) return;
            }
            int ready = LinuxEpoll.Wait(_epoll, events, ExpireDeadlines());
            for (int i = 0; i < ready; i++)
            {
                ulong cookie = LinuxEpoll.Cookie(events, i);
                if (cookie == WakeCookie) LinuxEpoll.ClearSignal(_wake);
                else Find(cookie)?.OnReadable();
            }
        }
    }

    /// <summary>Times out the receives whose deadline has passed; returns the milliseconds to the next deadline (-1: none).</summary>
    private int ExpireDeadlines()
    {
        while (_deadlines.TryPeek(out var receiver, out long due))
        {
            long now = Stopwatch.GetTimestamp();
            if (due > now)
            {
                long ticksPerMs = Stopwatch.Frequency / 1000;
                return (int)Math.Min(int.MaxValue, (due - now + ticksPerMs - 1) / ticksPerMs);
            }
            _deadlines.Dequeue();
            receiver.OnDue(due, now);
        }
        return -1;
    }

    private TftpLoopReceiver? Find(ulong cookie)
    {
        lock (_gate)
        {
            var receiver = _receivers[(int)(uint)cookie];
            return receiver?.Cookie == cookie ? receiver : null;
        }
    }

    private int Registered => _receivers.Count - _freeSlots.Count; // under _gate

    private List<TftpLoopReceiver> RegisteredReceivers()
    {
        lock (_gate)
        {
            return [.. _receivers.OfType<TftpLoopReceiver>()];
        }
    }

    private bool TryExit()
    {
        lock (_gate)
        {
            if (Registered > 0 || !_posted.IsEmpty) return false;
            _exited = true;
        }
        _stopRegistration.Dispose();
        LinuxEpoll.Close(_wake);
        LinuxEpoll.Close(_epoll);
        return true;
    }

    public readonly struct SwitchAwaitable(TftpTransferLoop loop) : ICriticalNotifyCompletion
    {
        public SwitchAwaitable GetAwaiter() => this;

        public bool IsCompleted => loop.IsCurrent;

        public void GetResult()
        {
        }

        public void OnCompleted(Action continuation) => loop.Post(continuation);

        public void UnsafeOnCompleted(Action continuation) => loop.Post(continuation);
    }
}
