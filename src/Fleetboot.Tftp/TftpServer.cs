using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Events;
using Fleetboot.Protocols.Tftp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Tftp;

/// <summary>
/// The read-only TFTP server. Binds in <see cref="StartAsync"/> (a bind failure throws with the reason and the fix);
/// one receive loop parses requests into a bounded queue, a dispatcher starts up to
/// <see cref="TftpOptions.MaxConcurrentTransfers"/> transfers, each reported as a <c>tftp.transfer</c> boot event.
/// </summary>
public sealed class TftpServer : IHostedService, IAsyncDisposable, IDisposable
{
    private const int MaxDatagram = 65536;
    private const int RefusalMemory = 4096;

    private readonly TftpOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IBootEventSink? _events;
    private readonly TftpSocketFactory _sockets;
    private readonly TftpFileProvider _files;
    private readonly Channel<TftpPendingRequest> _queue;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<long, Task> _active = new();
    private readonly ConcurrentDictionary<IPEndPoint, TftpSharedPort> _shared = new();
    private readonly ConcurrentDictionary<(string Client, string File), byte> _refusalsLogged = new();
    private readonly TftpLogLimiter _malformedLimiter;
    private readonly TftpLogLimiter _queueFullLimiter;
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _socket;
    private Task _receiveLoop = Task.CompletedTask;
    private Task _dispatchLoop = Task.CompletedTask;
    private TftpTransferLoop[] _loops = [];
    private long _nextTransferId;
    private int _nextLoop;

    public TftpServer(TftpOptions options, ILogger<TftpServer> logger, TimeProvider? timeProvider = null, IBootEventSink? events = null, ITftpVirtualFileSource? virtualFiles = null)
        : this(options, logger, timeProvider ?? TimeProvider.System, events, virtualFiles, new TftpSocketFactory())
    {
    }

    internal TftpServer(TftpOptions options, ILogger logger, TimeProvider timeProvider, IBootEventSink? events, ITftpVirtualFileSource? virtualFiles, TftpSocketFactory sockets)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger;
        _time = timeProvider;
        _events = events;
        _sockets = sockets;
        _files = new TftpFileProvider(options, virtualFiles);
        _queue = Channel.CreateBounded<TftpPendingRequest>(new BoundedChannelOptions(options.MaxPendingRequests)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: the request is dropped, the client retries
            SingleReader = true,
            SingleWriter = true,
        });
        _slots = new SemaphoreSlim(options.MaxConcurrentTransfers, options.MaxConcurrentTransfers);
        _malformedLimiter = new TftpLogLimiter(timeProvider, TimeSpan.FromSeconds(1));
        _queueFullLimiter = new TftpLogLimiter(timeProvider, TimeSpan.FromSeconds(1));
    }

    /// <summary>The bound endpoint once started (useful with port 0).</summary>
    public IPEndPoint? LocalEndpoint { get; private set; }

    /// <summary>Transfers running now.</summary>
    public int ActiveTransfers => _active.Count;

    internal TftpFileCache Cache => _files.Cache;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_socket is not null) throw new InvalidOperationException("the TFTP server is already started");
        try
        {
            Directory.CreateDirectory(_options.Root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"TFTP root '{_options.Root}' cannot be created: {ex.Message}", ex);
        }

        var socket = _sockets.CreateUdp(_options.Endpoint.AddressFamily);
        try
        {
            TrySetReceiveBuffer(socket, 4 * 1024 * 1024);
            socket.Bind(_options.Endpoint);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new InvalidOperationException(DescribeBindFailure(_options.Endpoint, ex), ex);
        }
        _socket = socket;
        LocalEndpoint = (IPEndPoint)socket.LocalEndPoint!;
        if (!_options.SinglePort && LinuxEpoll.IsSupported)
        {
            _loops = new TftpTransferLoop[_options.TransferLoops];
            for (int i = 0; i < _loops.Length; i++) _loops[i] = new TftpTransferLoop(_stopping.Token);
        }
        TftpLog.Listening(_logger, LocalEndpoint, _files.RealRoot, _options.SinglePort ? "single-port mode" : "one ephemeral port per transfer");
        _receiveLoop = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        _dispatchLoop = Task.Run(DispatchLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_socket is null || _stopping.IsCancellationRequested) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        try
        {
            await _receiveLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
            await _dispatchLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(_active.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            while (_queue.Reader.TryRead(out var pending)) pending.SharedPort?.Dispose();
            _socket.Dispose();
            TftpLog.Stopped(_logger, LocalEndpoint!);
        }
    }

    /// <summary>Synchronous disposal (a container disposed without await): stops receiving and tells every transfer to end, without waiting for them.</summary>
    public void Dispose()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
            _queue.Writer.TryComplete();
        }
        _socket?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
        _slots.Dispose();
    }

    internal static string DescribeBindFailure(IPEndPoint endpoint, SocketException ex)
    {
        var fix = $"Run as root, grant the capability (sudo setcap cap_net_bind_service=+ep $(readlink -f $(which dotnet))), or pick another port with --tftp ADDR:PORT (for example --tftp {endpoint.Address}:6969), or --tftp off.";
        return ex.SocketErrorCode switch
        {
            SocketError.AccessDenied => $"Cannot bind TFTP to {endpoint}: permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE). {fix}",
            SocketError.AddressAlreadyInUse => $"Cannot bind TFTP to {endpoint}: the port is already in use (another TFTP server such as tftpd-hpa, atftpd or dnsmasq?). Stop it, or pick another port with --tftp ADDR:PORT, or --tftp off.",
            SocketError.AddressNotAvailable => $"Cannot bind TFTP to {endpoint}: that address is not on this host. Pick one of this host's addresses with --tftp ADDR:PORT (0.0.0.0 for all), or --tftp off.",
            _ => $"Cannot bind TFTP to {endpoint}: {ex.Message} ({ex.SocketErrorCode}). {fix}",
        };
    }

    private static void TrySetReceiveBuffer(Socket socket, int bytes)
    {
        try
        {
            socket.ReceiveBufferSize = bytes;
        }
        catch (SocketException)
        {
            // the kernel default is fine
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var socket = _socket!;
        var stopping = _stopping.Token;
        var buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram, pinned: true);
        var address = new SocketAddress(socket.AddressFamily);
        var template = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stopping.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, address, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (ObjectDisposedException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException ex) when (ITftpTransferPort.Interrupts(ex.SocketErrorCode))
            {
                continue; // ICMP errors from earlier replies, oversized datagrams
            }
            catch (SocketException ex)
            {
                if (stopping.IsCancellationRequested) break;
                if (_malformedLimiter.TryEnter(out _)) TftpLog.ReceiveFailed(_logger, ex, LocalEndpoint!);
                continue;
            }

            try
            {
                var client = (IPEndPoint)template.Create(address);
                HandleDatagram(buffer.AsSpan(0, received), client);
            }
            catch (Exception ex)
            {
                // One bad datagram never stops the loop.
                if (_malformedLimiter.TryEnter(out _)) TftpLog.ReceiveFailed(_logger, ex, LocalEndpoint!);
            }
        }
    }

    private void HandleDatagram(ReadOnlySpan<byte> datagram, IPEndPoint client)
    {
        bool hasOpcode = TftpCodec.TryReadOpcode(datagram, out var opcode);
        bool isRequest = hasOpcode && opcode is TftpOpcode.ReadRequest or TftpOpcode.WriteRequest;

        if (_options.SinglePort && _shared.TryGetValue(client, out var routed))
        {
            if (isRequest) TftpLog.DuplicateRequest(_logger, client);
            else routed.Deliver(datagram);
            return;
        }
        if (!isRequest)
        {
            LogMalformed(client, hasOpcode ? $"{opcode} packet for no transfer" : "unknown opcode or runt packet");
            return;
        }
        if (!TftpCodec.TryReadRequest(datagram, out var request, out var error))
        {
            LogMalformed(client, error);
            SendErrorFromListener(client, TftpErrorCode.IllegalOperation, "Malformed request: " + error);
            return;
        }
        if (request.Opcode == TftpOpcode.WriteRequest)
        {
            TftpLog.WriteRefused(_logger, request.Filename, client);
            SendErrorFromListener(client, TftpErrorCode.AccessViolation, "Write requests are refused: this server is read-only");
            Record(client, request.Filename, null, "access-denied", "write request refused (read-only server)", null);
            return;
        }

        TftpSharedPort? port = null;
        if (_options.SinglePort)
        {
            port = new TftpSharedPort(_socket!, client, p => _shared.TryRemove(new KeyValuePair<IPEndPoint, TftpSharedPort>(p.Client, p)));
            _shared[client] = port;
        }
        if (!_queue.Writer.TryWrite(new TftpPendingRequest(request, client, port)))
        {
            port?.Dispose();
            if (_queueFullLimiter.TryEnter(out var suppressed)) TftpLog.QueueFull(_logger, _options.MaxPendingRequests, client, suppressed);
        }
    }

    private void LogMalformed(IPEndPoint client, string reason)
    {
        if (_malformedLimiter.TryEnter(out var suppressed)) TftpLog.MalformedPacket(_logger, client, reason, suppressed);
    }

    private void SendErrorFromListener(IPEndPoint client, TftpErrorCode code, string message)
    {
        Span<byte> packet = stackalloc byte[512];
        int n = TftpCodec.WriteError(packet, code, message);
        try
        {
            _socket!.SendTo(packet[..n], SocketFlags.None, client);
        }
        catch (SocketException)
        {
            // unreachable client: nothing more to say
        }
    }

    private async Task DispatchLoopAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            await foreach (var pending in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await _slots.WaitAsync(stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    pending.SharedPort?.Dispose();
                    throw;
                }
                long id = Interlocked.Increment(ref _nextTransferId);
                // Whoever awaits a transfer continues on the thread pool, never on the transfer loop that ended it.
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _active[id] = done.Task;
                _ = Task.Run(() => RunRequestAsync(id, pending, done, stopping), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RunRequestAsync(long id, TftpPendingRequest pending, TaskCompletionSource done, CancellationToken stopping)
    {
        var client = pending.Client;
        var request = pending.Request;
        long started = _time.GetTimestamp();
        ITftpTransferPort? port = pending.SharedPort;
        TftpContent? content = null;
        try
        {
            if (!TftpPath.TryNormalize(request.Filename, out var path, out var refusal))
            {
                await RefuseAsync(port, client, request.Filename, refusal, stopping).ConfigureAwait(false);
                return;
            }
            bool netascii = request.Mode == "netascii";
            if (!netascii && request.Mode != "octet")
            {
                var unsupported = $"Transfer mode '{request.Mode}' is not supported; use octet (binary) or netascii";
                TftpLog.RequestRefused(_logger, path, client, unsupported);
                await SendErrorAsync(port, client, TftpErrorCode.IllegalOperation, unsupported, stopping).ConfigureAwait(false);
                Record(client, path, null, "refused", unsupported, null);
                return;
            }

            var opened = await _files.OpenAsync(path, netascii, client, stopping).ConfigureAwait(false);
            if (opened.Content is null)
            {
                if (opened.Error == TftpErrorCode.FileNotFound)
                {
                    TftpLog.FileNotFound(_logger, path, client);
                    await SendErrorAsync(port, client, TftpErrorCode.FileNotFound, opened.ErrorMessage, stopping).ConfigureAwait(false);
                    Record(client, path, null, "not-found", "file not found", null);
                }
                else if (opened.Error == TftpErrorCode.AccessViolation)
                {
                    await RefuseAsync(port, client, path, opened.Refusal ?? "access violation", stopping).ConfigureAwait(false);
                }
                else
                {
                    TftpLog.RequestRefused(_logger, path, client, opened.ErrorMessage);
                    await SendErrorAsync(port, client, opened.Error, opened.ErrorMessage, stopping).ConfigureAwait(false);
                    Record(client, path, null, "error", opened.ErrorMessage, null);
                }
                return;
            }
            content = opened.Content;

            var negotiation = TftpNegotiation.Negotiate(request, _options, content.Length);
            if (pending.SharedPort is { } shared)
            {
                shared.UseClock(_time, stopping);
                port = shared;
            }
            else
            {
                var loop = _loops.Length == 0 ? null : _loops[(uint)Interlocked.Increment(ref _nextLoop) % _loops.Length];
                port = new TftpEphemeralPort(_sockets, LocalEndpoint!.Address, client, loop, _time, stopping);
                if (loop is not null) await loop.SwitchTo(); // the rest of the transfer runs on the loop's thread
            }
            var result = await new TftpTransfer(port, content, negotiation, _options, _time).RunAsync(stopping).ConfigureAwait(false);
            long durationMs = (long)_time.GetElapsedTime(started).TotalMilliseconds;
            string message;
            if (result.SizeProbe)
            {
                TftpLog.SizeProbe(_logger, path, client, content.Length);
                message = "size probe: client ended after the OACK";
            }
            else if (result.Outcome == "ok")
            {
                TftpLog.TransferCompleted(_logger, path, client, result.Bytes, negotiation.BlockSize, negotiation.WindowSize, durationMs);
                message = "sent";
            }
            else if (result.Outcome == "timeout")
            {
                TftpLog.TransferTimedOut(_logger, path, client, result.AckedBlocks, result.TotalBlocks);
                message = $"client stopped answering after block {result.AckedBlocks} of {result.TotalBlocks}";
            }
            else
            {
                var error = result.ClientError.GetValueOrDefault();
                TftpLog.TransferAborted(_logger, path, client, (ushort)error.Code, error.Message);
                message = $"client sent error {(ushort)error.Code}: {error.Message}";
            }
            Record(client, path, content.Length, result.Outcome, message, new Dictionary<string, string>
            {
                ["bytes"] = Text(result.Bytes),
                ["blksize"] = Text(negotiation.BlockSize),
                ["windowsize"] = Text(negotiation.WindowSize),
                ["duration_ms"] = Text(durationMs),
                ["probe"] = result.SizeProbe ? "true" : "false",
            });
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Record(client, request.Filename, content?.Length, "aborted", "server stopping", null);
        }
        catch (Exception ex)
        {
            TftpLog.TransferFailed(_logger, ex, request.Filename, client);
            Record(client, request.Filename, content?.Length, "error", ex.Message, null);
        }
        finally
        {
            content?.Dispose();
            port?.Dispose();
            _active.TryRemove(id, out _);
            _slots.Release();
            done.SetResult();
        }
    }

    private async Task RefuseAsync(ITftpTransferPort? port, IPEndPoint client, string file, string reason, CancellationToken stopping)
    {
        if (_refusalsLogged.Count >= RefusalMemory) _refusalsLogged.Clear();
        if (_refusalsLogged.TryAdd((client.Address.ToString(), file), 0)) TftpLog.AccessRefused(_logger, file, client, reason);
        else TftpLog.AccessRefusedAgain(_logger, file, client, reason);
        await SendErrorAsync(port, client, TftpErrorCode.AccessViolation, "Access violation", stopping).ConfigureAwait(false);
        Record(client, file, null, "access-denied", reason, null);
    }

    private async ValueTask SendErrorAsync(ITftpTransferPort? port, IPEndPoint client, TftpErrorCode code, string message, CancellationToken stopping)
    {
        var packet = new byte[512];
        int n = TftpCodec.WriteError(packet, code, message);
        try
        {
            if (port is not null) await port.SendAsync(packet.AsMemory(0, n), stopping).ConfigureAwait(false);
            else await _socket!.SendToAsync(packet.AsMemory(0, n), SocketFlags.None, client, stopping).ConfigureAwait(false);
        }
        catch (SocketException)
        {
        }
    }

    private void Record(IPEndPoint client, string file, long? size, string outcome, string message, Dictionary<string, string>? data)
    {
        if (_events is null) return;
        data ??= [];
        data["file"] = file;
        if (size is { } s) data["size"] = Text(s);
        data.TryAdd("bytes", "0");
        var mac = TftpVirtualFileName.TryParse(file, out var name) && name.Mac is { } m ? m.ToString() : null;
        try
        {
            _events.Record(new BootEvent(_time.GetUtcNow(), "tftp.transfer", client.ToString(), mac, outcome, $"{file}: {message}", data));
        }
        catch (Exception ex)
        {
            TftpLog.TransferFailed(_logger, ex, file, client);
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
