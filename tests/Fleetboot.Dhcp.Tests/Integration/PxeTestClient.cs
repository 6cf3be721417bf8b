using System.Net;
using System.Net.Sockets;
using System.Text;
using Fleetboot.Protocols.Dhcp;

namespace Fleetboot.Dhcp.Tests.Integration;

/// <summary>A minimal PXE ROM stand-in: a UDP socket on port 68 bound to eth0 inside the client namespace.</summary>
internal sealed class PxeTestClient : IDisposable
{
    private readonly Socket _socket;

    public PxeTestClient(NamespaceScope scope, int port = 68)
    {
        _socket = scope.Run(() =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.SetRawSocketOption(1, 25, Encoding.ASCII.GetBytes("eth0\0"));
            s.EnableBroadcast = true;
            s.Bind(new IPEndPoint(IPAddress.Any, port));
            return s;
        });
    }

    public void Send(DhcpPacket packet, IPEndPoint destination) => _socket.SendTo(DhcpPacketWriter.Write(packet), destination);

    public void SendRaw(ReadOnlySpan<byte> bytes, IPEndPoint destination) => _socket.SendTo(bytes, SocketFlags.None, destination);

    /// <summary>Collects replies with <paramref name="xid"/> until <paramref name="done"/> says so or the timeout passes.</summary>
    public async Task<List<(DhcpPacket Packet, IPEndPoint From)>> ReceiveAsync(uint xid, Func<List<(DhcpPacket Packet, IPEndPoint From)>, bool> done, TimeSpan timeout)
    {
        var replies = new List<(DhcpPacket, IPEndPoint)>();
        var buffer = new byte[2048];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (!done(replies))
            {
                var r = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
                if (DhcpPacket.TryRead(buffer.AsSpan(0, r.ReceivedBytes), out var p, out _) && p.TransactionId == xid && p.Operation == DhcpOperation.BootReply)
                    replies.Add((p, (IPEndPoint)r.RemoteEndPoint));
            }
        }
        catch (OperationCanceledException)
        {
        }
        return replies;
    }

    public void Dispose() => _socket.Dispose();
}
