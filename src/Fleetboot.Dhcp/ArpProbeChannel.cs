using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Fleetboot.Protocols.Arp;

namespace Fleetboot.Dhcp;

/// <summary>
/// ARP probes from a link-layer datagram socket (needs CAP_NET_RAW) that hears ARP on every interface. Finds hosts that drop
/// pings, but only on the server's own links: ARP does not cross a relay.
/// </summary>
internal sealed class ArpProbeChannel : IAddressProbeChannel
{
    private readonly Dictionary<string, (int Index, byte[] Mac)> _interfaces;

    /// <summary>Opens the socket and notes every Ethernet interface's index and address, in the calling thread's network namespace.</summary>
    public ArpProbeChannel()
    {
        _interfaces = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.NetworkInterfaceType == NetworkInterfaceType.Ethernet && n.GetPhysicalAddress().GetAddressBytes().Length == 6)
            .ToDictionary(n => n.Name, n => (n.GetIPProperties().GetIPv4Properties().Index, n.GetPhysicalAddress().GetAddressBytes()));
        Socket = new Socket(AddressFamily.Packet, SocketType.Dgram, LinkLayerEndPoint.Protocol(ArpProbe.EtherTypeArp));
        try
        {
            Socket.Bind(new LinkLayerEndPoint(ArpProbe.EtherTypeArp, 0, [])); // index 0: every interface
        }
        catch
        {
            Socket.Dispose();
            throw;
        }
    }

    public Socket Socket { get; }

    public void Send(IPAddress address, string interfaceName)
    {
        if (!_interfaces.TryGetValue(interfaceName, out var nic))
            throw new SocketException((int)SocketError.AddressNotAvailable); // not Ethernet, or added after start-up
        Socket.SendTo(ArpProbe.WriteRequest(nic.Mac, address), new LinkLayerEndPoint(ArpProbe.EtherTypeArp, nic.Index, LinkLayerEndPoint.Broadcast));
    }

    public IPAddress? ReadAnswer(ReadOnlySpan<byte> packet) => ArpProbe.TryReadSender(packet, out var sender) ? sender : null;

    public void Dispose() => Socket.Dispose();
}
