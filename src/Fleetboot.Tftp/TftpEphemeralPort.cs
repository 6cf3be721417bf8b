using System.Net;
using System.Net.Sockets;

namespace Fleetboot.Tftp;

/// <summary>
/// RFC 1350 transfer identifier: a fresh socket on an ephemeral port, connected to the client so the kernel drops
/// strangers. On a <see cref="TftpTransferLoop"/> the socket is non-blocking and its datagrams are received by the
/// loop; without one, receives are asynchronous on the thread pool with a reusable timer on the injected
/// <see cref="TimeProvider"/>.
/// </summary>
internal sealed class TftpEphemeralPort : ITftpTransferPort
{
    private readonly Socket _socket;
    private readonly TftpLoopReceiver? _receiver;
    private readonly TftpDeadline? _deadline;

    // UDP generic segmentation offload (Linux 4.18+): one send carries a whole window, the kernel cuts it into
    // datagrams. 0: not set up yet; -1: unavailable on this socket, send one by one.
    private int _segmentSize;
    private const int SolUdp = 17;
    private const int UdpSegment = 103;
    private const int MaxSegmentsPerSend = 64;
    private const int MaxUdpPayload = 65_507;

    // How long a send on the loop may wait for room in a full socket buffer before the datagram counts as lost.
    private static readonly TimeSpan SendStall = TimeSpan.FromMilliseconds(50);

    public TftpEphemeralPort(TftpSocketFactory factory, IPAddress localAddress, IPEndPoint client, TftpTransferLoop? loop, TimeProvider time, CancellationToken stopping)
    {
        _socket = factory.CreateUdp(client.AddressFamily);
        try
        {
            _socket.Bind(new IPEndPoint(localAddress, 0));
            _socket.Connect(client);
            if (loop is not null)
            {
                _socket.Blocking = false;
                _receiver = loop.Register(_socket);
            }
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
        if (loop is null) _deadline = new TftpDeadline(time, stopping);
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> packet, CancellationToken stopping)
    {
        if (_receiver is not null)
        {
            SendWithoutWaiting(packet.Span);
            return ValueTask.CompletedTask;
        }
        var pending = _socket.SendAsync(packet, SocketFlags.None, stopping);
        return pending.IsCompletedSuccessfully ? ValueTask.CompletedTask : AwaitSend(pending);

        static async ValueTask AwaitSend(ValueTask<int> send) => await send.ConfigureAwait(false);
    }

    /// <summary>A send on the loop thread; a datagram that finds no room in the socket buffer even after a short wait is dropped, as on a congested link, and the retransmission timer recovers it.</summary>
    private void SendWithoutWaiting(ReadOnlySpan<byte> packet)
    {
        _socket.Send(packet, SocketFlags.None, out var error);
        if (error == SocketError.WouldBlock && _socket.Poll(SendStall, SelectMode.SelectWrite)) _socket.Send(packet, SocketFlags.None, out error);
        if (error is not (SocketError.Success or SocketError.WouldBlock)) throw new SocketException((int)error);
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
        return _receiver is not null ? _receiver.ReceiveAsync(buffer, timeout) : ReceiveAsyncCore(buffer, timeout, stopping);
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
        catch (SocketException ex) when (ITftpTransferPort.Interrupts(ex.SocketErrorCode))
        {
            return ITftpTransferPort.Interrupted;
        }
    }

    public void Dispose()
    {
        _receiver?.Dispose();
        _socket.Dispose();
        _deadline?.Dispose();
    }
}
