using System.Net;
using System.Net.Sockets;

namespace Fleetboot.Dhcp;

/// <summary>
/// Probes of addresses about to be offered, through one channel (ICMP or ARP): one socket and one thread for every probe.
/// <see cref="Probe"/> sends and returns at once; the thread calls each probe's callback when its address answered or its
/// wait ran out. Callbacks run on that thread and must be quick (send a packet, enqueue work).
/// </summary>
internal sealed class DhcpAddressProber : IDisposable
{
    private static readonly TimeSpan MaximumPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Probes in flight at most (a DISCOVER flood must not grow the table without bound); beyond it, offers go out unprobed.</summary>
    private const int MaximumPending = 4096;

    private readonly IAddressProbeChannel _channel;
    private readonly TimeProvider _time;
    private readonly Dictionary<long, Pending> _pending = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _thread;
    private long _next;

    /// <summary>Takes ownership of <paramref name="channel"/>.</summary>
    public DhcpAddressProber(IAddressProbeChannel channel, TimeProvider time)
    {
        _channel = channel;
        _time = time;
        _thread = new Thread(ReceiveLoop) { IsBackground = true, Name = "dhcp-probe" };
        _thread.Start();
    }

    /// <summary>Asks whether <paramref name="address"/> is in use; <paramref name="done"/> gets true when it answered within <paramref name="wait"/>.</summary>
    /// <param name="interfaceName">Where the client asked; the ARP channel probes there.</param>
    /// <returns>False when too many probes are in flight: nothing was sent and <paramref name="done"/> will not be called.</returns>
    public bool Probe(IPAddress address, string interfaceName, TimeSpan wait, Action<bool> done)
    {
        lock (_gate)
        {
            if (_pending.Count >= MaximumPending) return false;
            _pending[++_next] = new Pending(address, _time.GetUtcNow() + wait, done);
        }
        try
        {
            _channel.Send(address, interfaceName);
        }
        catch (SocketException)
        {
            // Unreachable now (no route, no neighbour): nobody answers; the wait still runs out as usual.
        }
        return true;
    }

    private void ReceiveLoop()
    {
        var buffer = new byte[1500];
        var finished = new List<(Pending Probe, bool Answered)>();
        while (!_stopping.IsCancellationRequested)
        {
            finished.Clear();
            int received = 0;
            try
            {
                _channel.Socket.ReceiveTimeout = (int)Math.Max(1, Math.Ceiling(NextWait().TotalMilliseconds));
                received = _channel.Socket.Receive(buffer);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
            {
            }
            catch (SocketException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            var answered = received > 0 ? _channel.ReadAnswer(buffer.AsSpan(0, received)) : null;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                foreach (var (key, p) in _pending)
                {
                    bool inUse = p.Address.Equals(answered);
                    if (!inUse && p.Deadline > now) continue;
                    _pending.Remove(key); // allowed while enumerating a Dictionary since .NET Core 3.0
                    finished.Add((p, inUse));
                }
            }
            foreach (var (p, inUse) in finished) p.Done(inUse);
        }
    }

    private TimeSpan NextWait()
    {
        lock (_gate)
        {
            var wait = MaximumPoll;
            var now = _time.GetUtcNow();
            foreach (var p in _pending.Values)
            {
                if (p.Deadline - now < wait) wait = p.Deadline - now;
            }
            return wait;
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _thread.Join(TimeSpan.FromSeconds(1));
        _channel.Dispose();
        _stopping.Dispose();
    }

    private sealed record Pending(IPAddress Address, DateTimeOffset Deadline, Action<bool> Done);
}
