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
