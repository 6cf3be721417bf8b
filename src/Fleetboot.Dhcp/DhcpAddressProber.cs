using System.Net;
using System.Net.Sockets;
using Fleetboot.Protocols.Icmp;

namespace Fleetboot.Dhcp;

/// <summary>
/// ICMP echo probes of addresses about to be offered. One raw socket and one thread for every probe: <see cref="Probe"/>
/// sends and returns at once; the thread calls each probe's callback when its address answered or its wait ran out.
/// Callbacks run on that thread and must be quick (send a packet, enqueue work).
/// </summary>
internal sealed class DhcpAddressProber : IDisposable
{
    private static readonly TimeSpan MaximumPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Probes in flight at most (a DISCOVER flood must not grow the table without bound); beyond it, offers go out unprobed.</summary>
    private const int MaximumPending = 4096;

    private readonly Socket _socket;
    private readonly TimeProvider _time;
    private readonly ushort _identifier = (ushort)Random.Shared.Next(1, ushort.MaxValue);
    private readonly Dictionary<ushort, Pending> _pending = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _thread;
    private ushort _sequence;

    /// <summary>Opens the raw ICMP socket (needs CAP_NET_RAW) in the calling thread's network namespace.</summary>
    public DhcpAddressProber(TimeProvider time)
    {
        _time = time;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
        try
        {
            _socket.Bind(new IPEndPoint(IPAddress.Any, 0)); // .NET receives only on a bound socket
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
        _thread = new Thread(ReceiveLoop) { IsBackground = true, Name = "dhcp-probe" };
        _thread.Start();
    }

    /// <summary>Sends an echo request to <paramref name="address"/>; <paramref name="done"/> gets true when it answered within <paramref name="wait"/>.</summary>
    /// <returns>False when too many probes are in flight: nothing was sent and <paramref name="done"/> will not be called.</returns>
    public bool Probe(IPAddress address, TimeSpan wait, Action<bool> done)
    {
        ushort sequence;
        lock (_gate)
        {
            if (_pending.Count >= MaximumPending) return false;
            sequence = ++_sequence;
            _pending[sequence] = new Pending(address, _time.GetUtcNow() + wait, done);
        }
        try
        {
            _socket.SendTo(IcmpEcho.WriteRequest(_identifier, sequence), new IPEndPoint(address, 0));
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
            EndPoint remote = new IPEndPoint(IPAddress.Any, 0);
            try
            {
                _socket.ReceiveTimeout = (int)Math.Max(1, Math.Ceiling(NextWait().TotalMilliseconds));
                received = _socket.ReceiveFrom(buffer, ref remote);
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
            lock (_gate)
            {
                if (received > 0 && IcmpEcho.TryReadReply(buffer.AsSpan(0, received), out var id, out var seq) && id == _identifier
                    && _pending.TryGetValue(seq, out var probe) && ((IPEndPoint)remote).Address.Equals(probe.Address))
                {
                    _pending.Remove(seq);
                    finished.Add((probe, true));
                }
                var now = _time.GetUtcNow();
                foreach (var (s, p) in _pending)
                {
                    if (p.Deadline > now) continue;
                    _pending.Remove(s); // allowed while enumerating a Dictionary since .NET Core 3.0
                    finished.Add((p, false));
                }
            }
            foreach (var (p, answered) in finished) p.Done(answered);
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
        _socket.Dispose();
        _stopping.Dispose();
    }

    private sealed record Pending(IPAddress Address, DateTimeOffset Deadline, Action<bool> Done);
}
