using System.Net;
using System.Net.Sockets;
using System.Text;
using Fleetboot.Protocols.Dhcp;

namespace Fleetboot.Dhcp;

/// <summary>
/// Broadcasts one DISCOVER on an interface and lists every server that answers (for <c>fleetboot doctor dhcp</c> and the
/// full-mode start-up check). It never sends a REQUEST, so nothing is leased. Needs UDP port 68 on that interface.
/// </summary>
public static class DhcpServerProbe
{
    public static async Task<IReadOnlyList<DhcpRivalServer>> ProbeAsync(string interfaceName, TimeSpan listenFor, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SetRawSocketOption(1, 25, Encoding.ASCII.GetBytes(interfaceName + "\0")); // SO_BINDTODEVICE
        socket.EnableBroadcast = true;
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Any, 68));
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException($"cannot bind UDP port 68 on {interfaceName} to probe for DHCP servers: {ex.Message} (is a DHCP client running there?)", ex);
        }

        // A random locally administered MAC, so no real machine's lease is touched.
        var mac = new byte[6];
        Random.Shared.NextBytes(mac);
        mac[0] = (byte)((mac[0] & 0xFE) | 0x02);
        var xid = (uint)Random.Shared.NextInt64(0, 1L << 32);
        var discover = new DhcpPacket
        {
            TransactionId = xid,
            Flags = DhcpPacket.BroadcastFlag,
            ClientHardwareAddress = mac,
            Options =
            [
                DhcpOption.FromByte(DhcpOptionCode.MessageType, (byte)DhcpMessageType.Discover),
                new DhcpOption(DhcpOptionCode.ParameterRequestList, new byte[] { 1, 3, 6, 54, 66, 67 }),
                DhcpOption.FromString(DhcpOptionCode.VendorClassIdentifier, "PXEClient:Arch:00007:UNDI:003000"),
                DhcpOption.FromUInt16(DhcpOptionCode.ClientSystemArchitecture, 7),
            ],
        };
        await socket.SendToAsync(DhcpPacketWriter.Write(discover), SocketFlags.None, new IPEndPoint(IPAddress.Broadcast, 67), cancellationToken);

        var found = new List<DhcpRivalServer>();
        var buffer = new byte[2048];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(listenFor);
        try
        {
            while (true)
            {
                var r = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
                if (!DhcpPacket.TryRead(buffer.AsSpan(0, r.ReceivedBytes), out var p, out _)) continue;
                if (p.Operation != DhcpOperation.BootReply || p.TransactionId != xid || p.MessageType != DhcpMessageType.Offer) continue;
                var source = (IPEndPoint)r.RemoteEndPoint;
                var id = p.ServerIdentifier ?? source.Address;
                if (found.Any(f => f.ServerIdentifier.Equals(id))) continue;
                found.Add(new DhcpRivalServer(id, source, p.YourAddress, p.File.Length > 0 ? p.File : p.BootFileName));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        return found;
    }
}
