using System.Net;
using System.Net.Sockets;

namespace Fleetboot.Tftp;

/// <summary>RFC 1350 transfer identifier: a fresh socket on an ephemeral port, connected to the client so the kernel drops strangers.</summary>
internal sealed class TftpEphemeralPort : ITftpTransferPort
{
    private readonly Socket _socket;

    public TftpEphemeralPort(TftpSocketFactory factory, IPAddress localAddress, IPEndPoint client)
    {
        _socket = factory.CreateUdp(client.AddressFamily);
        try
        {
            _socket.Bind(new IPEndPoint(localAddress, 0));
            _socket.Connect(client);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        var pending = _socket.SendAsync(packet, SocketFlags.None, cancellationToken);
        return pending.IsCompletedSuccessfully ? ValueTask.CompletedTask : AwaitSend(pending);

        static async ValueTask AwaitSend(ValueTask<int> send) => await send.ConfigureAwait(false);
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset or SocketError.MessageSize)
            {
                // ICMP port unreachable from an earlier send, or an oversized datagram: keep waiting (the timeout decides).
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
