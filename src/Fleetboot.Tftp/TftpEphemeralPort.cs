using System.Net;
using System.Net.Sockets;

namespace Fleetboot.Tftp;

/// <summary>
/// RFC 1350 transfer identifier: a fresh socket on an ephemeral port, connected to the client so the kernel drops
/// strangers. Asynchronous mode waits with a reusable timer on the injected <see cref="TimeProvider"/>; blocking mode
/// (on a dedicated transfer thread) waits in the kernel with SO_RCVTIMEO, which saves a thread-pool hop per packet.
/// </summary>
internal sealed class TftpEphemeralPort : ITftpTransferPort
{
    private readonly Socket _socket;
    private readonly bool _blocking;
    private readonly TftpDeadline? _deadline;
    private int _receiveTimeoutMs = -1;

    // UDP generic segmentation offload (Linux 4.18+): one send carries a whole window, the kernel cuts it into
    // datagrams. 0: not set up yet; -1: unavailable on this socket, send one by one.
    private int _segmentSize;
    private const int SolUdp = 17;
    private const int UdpSegment = 103;
    private const int MaxSegmentsPerSend = 64;
    private const int MaxUdpPayload = 65_507;

    public TftpEphemeralPort(TftpSocketFactory factory, IPAddress localAddress, IPEndPoint client, bool blocking, TimeProvider time, CancellationToken stopping)
    {
        _socket = factory.CreateUdp(client.AddressFamily);
        _blocking = blocking;
        try
        {
            _socket.Bind(new IPEndPoint(localAddress, 0));
            _socket.Connect(client);
            _socket.Blocking = blocking;
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
        if (!blocking) _deadline = new TftpDeadline(time, stopping);
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> packet, CancellationToken stopping)
    {
        if (_blocking)
        {
            _socket.Send(packet.Span, SocketFlags.None);
            return ValueTask.CompletedTask;
        }
        var pending = _socket.SendAsync(packet, SocketFlags.None, stopping);
        return pending.IsCompletedSuccessfully ? ValueTask.CompletedTask : AwaitSend(pending);

        static async ValueTask AwaitSend(ValueTask<int> send) => await send.ConfigureAwait(false);
    }

    public async ValueTask SendWindowAsync(ReadOnlyMemory<byte> datagrams, int datagramSize, CancellationToken stopping)
    {
        int perSend = Math.Min(MaxSegmentsPerSend, MaxUdpPayload / datagramSize) * datagramSize;
        for (int at = 0; at < datagrams.Length; at += perSend)
        {
            var chunk = datagrams.Slice(at, Math.Min(perSend, datagrams.Length - at));
            if (chunk.Length > datagramSize && Segments(datagramSize))
            {
                try
                {
                    await SendAsync(chunk, stopping).ConfigureAwait(false);
                    continue;
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.InvalidArgument or SocketError.SocketError or SocketError.MessageSize)
                {
                    // The route's MTU or the device's checksum offload does not allow it: nothing was sent.
                    _segmentSize = -1;
                }
            }
            await TftpWindowSend.OneByOneAsync(this, chunk, datagramSize, stopping).ConfigureAwait(false);
        }
    }

    private bool Segments(int datagramSize)
    {
        if (_segmentSize == datagramSize) return true;
        if (_segmentSize < 0 || !OperatingSystem.IsLinux()) return false;
        try
        {
            _socket.SetRawSocketOption(SolUdp, UdpSegment, BitConverter.GetBytes(datagramSize));
            _segmentSize = datagramSize;
        }
        catch (SocketException)
        {
            _segmentSize = -1;
        }
        return _segmentSize > 0;
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken stopping)
    {
        stopping.ThrowIfCancellationRequested();
        return _blocking ? ValueTask.FromResult(ReceiveBlocking(buffer.Span, timeout, stopping)) : ReceiveAsyncCore(buffer, timeout, stopping);
    }

    private int ReceiveBlocking(Span<byte> buffer, TimeSpan timeout, CancellationToken stopping)
    {
        int ms = (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 1, int.MaxValue);
        if (ms != _receiveTimeoutMs)
        {
            _socket.ReceiveTimeout = ms;
            _receiveTimeoutMs = ms;
        }
        try
        {
            int n = _socket.Receive(buffer, SocketFlags.None);
            stopping.ThrowIfCancellationRequested(); // a stop shuts the socket down, which ends the wait early
            return n;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            stopping.ThrowIfCancellationRequested();
            return ITftpTransferPort.TimedOut;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset or SocketError.MessageSize)
        {
            return ITftpTransferPort.Interrupted; // ICMP port unreachable from an earlier send, or an oversized datagram
        }
        catch (Exception ex) when (stopping.IsCancellationRequested && ex is SocketException or ObjectDisposedException)
        {
            throw new OperationCanceledException(stopping);
        }
    }

    private async ValueTask<int> ReceiveAsyncCore(Memory<byte> buffer, TimeSpan timeout, CancellationToken stopping)
    {
        var token = _deadline!.Arm(timeout);
        try
        {
            return await _socket.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return ITftpTransferPort.TimedOut;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset or SocketError.MessageSize)
        {
            return ITftpTransferPort.Interrupted;
        }
    }

    /// <summary>Wakes a blocked receive (the server is stopping).</summary>
    public void Abort()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _deadline?.Dispose();
    }
}
