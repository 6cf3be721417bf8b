using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using System.Collections.Concurrent;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Dhcp;
using Fleetboot.Protocols.Dhcp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Dhcp;

/// <summary>
/// The DHCP server: one device-bound UDP socket per interface (port 67, plus 4011 in proxy mode), each with a receive
/// thread that parses and answers, and one writer thread that stores leases in batches and sends each ACK only after
/// its lease write completed.
/// </summary>
public sealed class DhcpServer : IHostedService, IAsyncDisposable
{
    private const int SolSocket = 1;
    private const int SoBindToDevice = 25;
    private const int SoRcvBufForce = 33;

    private readonly DhcpOptions _options;
    private readonly ILeaseStore? _store;
    private readonly IDhcpMachineDirectory? _directory;
    private readonly IBootEventSink? _events;
    private readonly DhcpSubnetCatalog? _catalog;
    private readonly TimeProvider _time;
    private readonly ILogger<DhcpServer> _logger;
    private readonly MalformedPacketLimiter _malformedLimiter;
    private readonly List<DhcpListener> _listeners = [];
    private readonly List<Task> _loops = [];
    private readonly List<Thread> _threads = [];
    private CancellationTokenSource? _stopping;
    private BlockingCollection<PendingWrite>? _writes;
    private DhcpLeaseAllocator? _allocator;
    private DhcpMessageHandler? _handler;
    private DhcpAddressProber? _pinger;
    private DhcpAddressProber? _arper;
    private bool _subscribed;
    private IReadOnlyList<IPAddress> _ownAddresses = [];
    private readonly SemaphoreSlim _allocatorGate = new(1, 1);
    private DateTimeOffset _lastPurge;
    private long _malformed;
    private long _received;

    /// <param name="catalog">Where subnets come from and change at run time; null: <see cref="DhcpOptions.Subnets"/>, fixed.</param>
    public DhcpServer(DhcpOptions options, ILeaseStore? store, IDhcpMachineDirectory? directory, IBootEventSink? events, TimeProvider time, ILogger<DhcpServer> logger,
        DhcpSubnetCatalog? catalog = null)
    {
        _catalog = catalog;
        _options = options;
        _store = store;
        _directory = directory;
        _events = events;
        _time = time;
        _logger = logger;
        _malformedLimiter = new MalformedPacketLimiter(time, 10, TimeSpan.FromSeconds(10));
    }

    /// <summary>Where sockets are made; tests substitute a network namespace they created.</summary>
    internal INetworkScope NetworkScope { get; init; } = CurrentNetworkScope.Instance;

    /// <summary>Packets that failed to parse (for tests and metrics).</summary>
    public long MalformedPackets => Interlocked.Read(ref _malformed);

    public long ReceivedPackets => Interlocked.Read(ref _received);

    /// <summary>A snapshot of the leases the allocator holds (full mode).</summary>
    public IReadOnlyList<DhcpLease> GetLeases()
    {
        var allocator = _allocator;
        if (allocator is null) return [];
        _allocatorGate.Wait();
        try { return [.. allocator.Leases]; }
        finally { _allocatorGate.Release(); }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Mode == DhcpMode.Off) return;
        var definitions = _catalog is null ? _options.Subnets : await _catalog.LoadAsync(cancellationToken);
        var (subnets, errors) = DhcpOptionsValidator.CompileSubnets(_options, definitions, []);
        ThrowIfInvalid(errors);

        if (_options.Mode == DhcpMode.Full && _options.RivalProbe > TimeSpan.Zero) await WarnAboutRivalsAsync(subnets, cancellationToken);
        var listeners = NetworkScope.Run(() => Bind(subnets));
        _listeners.AddRange(listeners);
        try
        {
            // Once interface addresses are known: none may sit in a pool, and none is ever offered.
            _ownAddresses = listeners.Select(l => l.InterfaceAddress).Distinct().ToList();
            (subnets, errors) = DhcpOptionsValidator.CompileSubnets(_options, definitions, _ownAddresses);
            ThrowIfInvalid(errors);

            if (_options.Mode == DhcpMode.Full)
            {
                _allocator = new DhcpLeaseAllocator(subnets.Select(s => s.Plan), _time, _options.DeclineHold, _options.OfferHold);
                if (_store is not null)
                {
                    var leases = await _store.LoadAsync(cancellationToken);
                    _allocator.Load(leases);
                    DhcpLog.LeasesLoaded(_logger, leases.Count);
                }
                if (_directory is not null) _allocator.UpdateReservations(await _directory.GetReservationsAsync(cancellationToken));
                if (subnets.Count == 0) DhcpLog.NoSubnets(_logger);
                _pinger = OpenProber("ICMP", () => new IcmpProbeChannel());
                _arper = OpenProber("ARP", () => new ArpProbeChannel());
            }
        }
        catch
        {
            foreach (var l in _listeners) l.Dispose();
            _listeners.Clear();
            DisposeProbers();
            throw;
        }

        var handler = new DhcpMessageHandler(_options, subnets, _allocator, _directory, _events, _time, _logger);
        _handler = handler;
        if (_catalog is not null && !_subscribed)
        {
            _subscribed = true;
            _catalog.UseServerAddresses([.. _ownAddresses, .. DhcpOptionsValidator.ServerAddress(_options) is { } configured ? [configured] : Array.Empty<IPAddress>()]);
            _catalog.Subscribe(ApplySubnets);
        }
        _stopping = new CancellationTokenSource();
        if (_store is not null) _writes = new BlockingCollection<PendingWrite>(boundedCapacity: 4096);
        var token = _stopping.Token;
        foreach (var l in _listeners)
        {
            var thread = new Thread(() => ReceiveLoop(l, token)) { IsBackground = true, Name = $"dhcp-rx {l.InterfaceName}:{l.Port}" };
            thread.Start();
            _threads.Add(thread);
            DhcpLog.Listening(_logger, _options.Mode.ToString().ToLowerInvariant(), l.InterfaceName, l.InterfaceAddress.ToString(), l.Port);
            if (_options.Mode == DhcpMode.Full && !subnets.Any(s => s.Options.Interface == l.InterfaceName || (s.Options.Interface is null && s.Plan.Contains(l.InterfaceAddress))))
                DhcpLog.InterfaceWithoutSubnet(_logger, l.InterfaceName, l.InterfaceAddress.ToString());
        }
        if (_store is not null)
        {
            var writer = new Thread(() => WriteLoop(token)) { IsBackground = true, Name = "dhcp-leases" };
            writer.Start();
            _threads.Add(writer);
        }
        if (_directory is not null && _allocator is not null) _loops.Add(Task.Run(() => RefreshReservationsAsync(token), CancellationToken.None));
    }

    /// <summary>Subnets may turn their probe on at run time, so full mode always has both sockets (when it may have them).</summary>
    private DhcpAddressProber? OpenProber(string method, Func<IAddressProbeChannel> open)
    {
        try
        {
            return new DhcpAddressProber(NetworkScope.Run(open), _time);
        }
        catch (Exception ex) when (ex is SocketException or InvalidOperationException or NetworkInformationException)
        {
            DhcpLog.ProbeUnavailable(_logger, method, ex.Message);
            return null;
        }
    }

    private void DisposeProbers()
    {
        _pinger?.Dispose();
        _pinger = null;
        _arper?.Dispose();
        _arper = null;
    }

    private static void ThrowIfInvalid(List<DhcpSubnetError> errors)
    {
        if (errors.Count > 0) throw new InvalidOperationException("invalid DHCP configuration: " + string.Join("; ", errors));
    }

    /// <summary>A subnet change from the catalog (already checked against the same rules): swapped in between two packets.</summary>
    private void ApplySubnets(IReadOnlyList<DhcpSubnetOptions> definitions)
    {
        var (subnets, errors) = DhcpOptionsValidator.CompileSubnets(_options, definitions, _ownAddresses);
        if (errors.Count > 0)
        {
            DhcpLog.SubnetsRejected(_logger, string.Join("; ", errors));
            return;
        }
        _allocatorGate.Wait();
        try
        {
            _allocator?.UpdateSubnets(subnets.Select(s => s.Plan));
            _handler?.UseSubnets(subnets);
        }
        finally
        {
            _allocatorGate.Release();
        }
        DhcpLog.SubnetsApplied(_logger, subnets.Count, string.Join(", ", subnets.Select(s => s.Name)));
    }

    /// <summary>Before our sockets exist (so we do not answer ourselves): does anybody else answer a DISCOVER here?</summary>
    private async Task WarnAboutRivalsAsync(IReadOnlyList<DhcpSubnet> subnets, CancellationToken cancellationToken)
    {
        var names = NetworkScope.Run(() => FindInterfaces(subnets)).Select(i => i.Name).Distinct().ToList();
        foreach (var name in names)
        {
            try
            {
                var probe = NetworkScope.Run(() => DhcpServerProbe.ProbeAsync(name, _options.RivalProbe, cancellationToken));
                foreach (var rival in await probe)
                    DhcpLog.RivalFound(_logger, name, rival.ServerIdentifier.ToString(), rival.Source.ToString(), rival.OfferedAddress.ToString(), rival.BootFile ?? "-");
            }
            catch (Exception ex) when (ex is InvalidOperationException or SocketException)
            {
                DhcpLog.RivalProbeFailed(_logger, name, ex.Message);
            }
        }
    }

    private List<DhcpListener> Bind(IReadOnlyList<DhcpSubnet> subnets)
    {
        var interfaces = FindInterfaces(subnets);
        var result = new List<DhcpListener>();
        try
        {
            foreach (var (name, address) in interfaces)
            {
                result.Add(BindOne(name, address, _options.ServerPort));
                if (_options.Mode == DhcpMode.Proxy) result.Add(BindOne(name, address, _options.ProxyPort));
            }
        }
        catch
        {
            foreach (var l in result) l.Dispose();
            throw;
        }
        return result;
    }

    private List<(string Name, IPAddress Address)> FindInterfaces(IReadOnlyList<DhcpSubnet> subnets)
    {
        var all = NetworkInterface.GetAllNetworkInterfaces();
        var found = new List<(string, IPAddress)>();
        IEnumerable<NetworkInterface> chosen;
        if (_options.Interfaces.Count > 0)
        {
            var list = new List<NetworkInterface>();
            foreach (var name in _options.Interfaces)
            {
                var nic = all.FirstOrDefault(n => n.Name == name)
                    ?? throw new InvalidOperationException($"DHCP interface '{name}' does not exist (known: {string.Join(", ", all.Select(n => n.Name))})");
                list.Add(nic);
            }
            chosen = list;
        }
        else
        {
            chosen = all.Where(n => n.NetworkInterfaceType != NetworkInterfaceType.Loopback && n.Name != "lo");
        }
        foreach (var nic in chosen)
        {
            var v4 = nic.GetIPProperties().UnicastAddresses
                .Where(u => u.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(u.Address))
                .Select(u => u.Address).ToList();
            if (v4.Count == 0)
            {
                if (_options.Interfaces.Count > 0) throw new InvalidOperationException($"DHCP interface '{nic.Name}' has no IPv4 address");
                continue;
            }
            // Prefer the address that sits in a configured subnet: it becomes the server identifier on this interface.
            var address = v4.FirstOrDefault(a => subnets.Any(s => s.Plan.Contains(a))) ?? v4[0];
            found.Add((nic.Name, address));
        }
        if (found.Count == 0) throw new InvalidOperationException("DHCP found no interface with an IPv4 address to serve");
        return found;
    }

    /// <summary>
    /// SO_RCVBUFFORCE passes net.core.rmem_max (208 KiB on a stock kernel: a few hundred requests) when the server may
    /// (CAP_NET_ADMIN); otherwise SO_RCVBUF, up to that maximum.
    /// </summary>
    private static void SetReceiveBuffer(Socket socket, int bytes)
    {
        try
        {
            socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(bytes));
        }
        catch (SocketException)
        {
            socket.ReceiveBufferSize = bytes;
        }
    }

    private static DhcpListener BindOne(string interfaceName, IPAddress address, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.SetRawSocketOption(SolSocket, SoBindToDevice, Encoding.ASCII.GetBytes(interfaceName + "\0"));
            socket.EnableBroadcast = true;
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
            SetReceiveBuffer(socket, 4 * 1024 * 1024);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return new DhcpListener(socket, interfaceName, address, port);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            var hint = ex.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => " (another DHCP server is running on this host?)",
                SocketError.AccessDenied => " (binding ports below 1024 needs root or CAP_NET_BIND_SERVICE; SO_BINDTODEVICE needs CAP_NET_RAW)",
                _ => "",
            };
            throw new InvalidOperationException($"DHCP cannot bind UDP 0.0.0.0:{port} on interface {interfaceName}: {ex.Message}{hint}", ex);
        }
    }

    /// <summary>One dedicated thread per socket: blocking receives cost fewer syscalls than async ones at high packet rates.</summary>
    private void ReceiveLoop(DhcpListener listener, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        listener.Socket.ReceiveTimeout = 250; // wake up now and then to notice cancellation
        while (!cancellationToken.IsCancellationRequested)
        {
            EndPoint remote = new IPEndPoint(IPAddress.Any, 0);
            SocketFlags flags = SocketFlags.None;
            int received;
            IPPacketInformation info;
            try
            {
                received = listener.Socket.ReceiveMessageFrom(buffer, 0, buffer.Length, ref flags, ref remote, out info);
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                continue;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted or SocketError.Shutdown or SocketError.NotSocket)
            {
                break;
            }
            catch (SocketException)
            {
                continue; // e.g. ICMP-induced errors; the socket stays usable
            }
            Interlocked.Increment(ref _received);
            var source = (IPEndPoint)remote;
            try
            {
                if (!DhcpPacket.TryRead(buffer.AsSpan(0, received), out var packet, out var error))
                {
                    Interlocked.Increment(ref _malformed);
                    if (_logger.IsEnabled(LogLevel.Debug) && _malformedLimiter.TryAcquire(out var suppressed))
                    {
                        if (suppressed > 0) DhcpLog.MalformedSuppressed(_logger, suppressed);
                        DhcpLog.Malformed(_logger, source.ToString(), error);
                    }
                    continue;
                }
                var ctx = new DhcpRequestContext(source, info.Address ?? IPAddress.Any, listener.InterfaceName, listener.InterfaceAddress, listener.Port);
                Answer(new Received(packet, ctx, listener), cancellationToken);
            }
            catch (Exception ex)
            {
                // Never let one packet end the loop.
                DhcpLog.HandlerFailed(_logger, ex, source.ToString());
            }
        }
    }

    /// <summary>
    /// Answers one request on the calling thread: a receive loop's, or the prober's when a probed address answered.
    /// No hand-off to another thread per packet: at thousands of packets a second the wake-ups cost more than the answers.
    /// </summary>
    private void Answer(Received item, CancellationToken cancellationToken)
    {
        DhcpReply? reply;
        try
        {
            // The gate keeps the receive loops, GetLeases() snapshots and reservation refreshes off a half-made change.
            _allocatorGate.Wait(cancellationToken);
            try
            {
                var handling = _handler!.HandleAsync(item.Packet, item.Context, cancellationToken, item.Answered);
                // Only a registry lookup that misses its cache makes the handler wait; this thread waits with it.
                reply = handling.IsCompletedSuccessfully ? handling.Result : handling.AsTask().GetAwaiter().GetResult();
                PurgeExpiredOffersNowAndThen();
            }
            finally
            {
                _allocatorGate.Release();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            DhcpLog.HandlerFailed(_logger, ex, item.Context.Source.ToString());
            return;
        }
        if (reply is null) return;
        // An ACK leaves only once its lease is stored; the writer sends it. Everything else leaves now.
        var waitsForStore = _writes is not null && reply.Packet is not null && reply.Probe is null && reply.LeaseChanges.Count > 0;
        if (_writes is not null && reply.LeaseChanges.Count > 0 && !TryQueueWrite(new PendingWrite(reply.LeaseChanges, waitsForStore ? [(reply, item.Listener)] : []), cancellationToken)) return;
        if (reply.Packet is null || waitsForStore) return;
        if (reply.Probe is not null) SendUnlessAnswered(reply, item, cancellationToken);
        else Send(reply, item.Listener);
    }

    /// <summary>Waits while the writer is a full queue behind (the socket buffer takes the overflow); false once stopping.</summary>
    private bool TryQueueWrite(PendingWrite write, CancellationToken cancellationToken)
    {
        try
        {
            _writes!.Add(write, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            return false;
        }
    }

    private void PurgeExpiredOffersNowAndThen()
    {
        var now = _time.GetUtcNow();
        if (_allocator is null || now - _lastPurge <= TimeSpan.FromSeconds(10)) return;
        _lastPurge = now;
        _allocator.PurgeExpiredOffers();
    }

    /// <summary>
    /// An OFFER of a fresh address: sent, and only then logged and put on the timeline, once the probe ran out unanswered. When the address answers, the prober's thread
    /// answers the DISCOVER again with that probe: the handler holds the address back and offers another. Meanwhile the receive loops answer others.
    /// </summary>
    private void SendUnlessAnswered(DhcpReply reply, Received item, CancellationToken cancellationToken)
    {
        var probe = reply.Probe!;
        var prober = probe.Method == DhcpAddressProbe.Arp ? _arper : _pinger;
        bool probing = prober?.Probe(probe.Address, probe.InterfaceName, probe.Wait, answered =>
        {
            if (!answered) Send(reply, item.Listener);
            else Answer(item with { Answered = probe }, cancellationToken);
        }) ?? false;
        if (!probing) Send(reply, item.Listener); // no socket for this probe, or too many probes in flight
    }

    private void Send(DhcpReply reply, DhcpListener listener)
    {
        try
        {
            var bytes = DhcpPacketWriter.Write(reply.Packet!, reply.ParameterRequestList.Span, reply.MaximumMessageSize);
            listener.Socket.SendTo(bytes, SocketFlags.None, reply.Destination);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or ArgumentException)
        {
            DhcpLog.SendFailed(_logger, reply.Destination.ToString(), ex.Message);
            return;
        }
        reply.Sent?.Invoke();
    }

    /// <summary>Group commit on its own thread: everything queued since the last write goes into one transaction, then its ACKs leave.</summary>
    private void WriteLoop(CancellationToken cancellationToken)
    {
        var writes = _writes!;
        var batch = new List<PendingWrite>();
        var leases = new List<DhcpLease>();
        try
        {
            while (writes.TryTake(out var first, Timeout.Infinite, cancellationToken))
            {
                batch.Clear();
                leases.Clear();
                batch.Add(first);
                leases.AddRange(first.Leases);
                // Small transactions keep ACK bursts short (a relay or client socket buffer holds a few hundred packets at most);
                // under load they simply follow each other back to back.
                while (leases.Count < 64 && writes.TryTake(out var w))
                {
                    batch.Add(w);
                    leases.AddRange(w.Leases);
                }
                try
                {
                    _store!.SaveAsync([.. leases], cancellationToken).GetAwaiter().GetResult();
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    DhcpLog.StoreFailed(_logger, ex, leases.Count);
                    continue; // no ACK without a durable lease; the clients will retry
                }
                foreach (var w in batch)
                {
                    foreach (var (reply, listener) in w.Acks) Send(reply, listener);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task RefreshReservationsAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.ReservationRefresh, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    var reservations = await _directory!.GetReservationsAsync(cancellationToken);
                    await _allocatorGate.WaitAsync(cancellationToken);
                    try { _allocator!.UpdateReservations(reservations); }
                    finally { _allocatorGate.Release(); }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    DhcpLog.DirectoryFailed(_logger, ex, "*");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null) return;
        await _stopping.CancelAsync();
        DisposeProbers();
        _writes?.CompleteAdding();
        foreach (var t in _threads) t.Join(TimeSpan.FromSeconds(2));
        _threads.Clear();
        _writes?.Dispose();
        _writes = null;
        foreach (var l in _listeners) l.Dispose();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        _listeners.Clear();
        _loops.Clear();
        _stopping.Dispose();
        _stopping = null;
        DhcpLog.Stopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _allocatorGate.Dispose();
    }

    /// <param name="Answered">Set when this DISCOVER comes back because the address probed for its OFFER answered.</param>
    private sealed record Received(DhcpPacket Packet, DhcpRequestContext Context, DhcpListener Listener, DhcpOfferProbe? Answered = null);

    private sealed record PendingWrite(IReadOnlyList<DhcpLease> Leases, IReadOnlyList<(DhcpReply Reply, DhcpListener Listener)> Acks);
}
