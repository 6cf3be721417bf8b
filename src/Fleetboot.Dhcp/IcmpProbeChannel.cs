using System.Net;
using System.Net.Sockets;
using Fleetboot.Protocols.Icmp;

namespace Fleetboot.Dhcp;

/// <summary>Echo requests from a raw ICMP socket (needs CAP_NET_RAW); routed, so it reaches relayed subnets too.</summary>
internal sealed class IcmpProbeChannel : IAddressProbeChannel
{
    private readonly ushort _identifier = (ushort)Random.Shared.Next(1, ushort.MaxValue);
    private ushort _sequence;

    public IcmpProbeChannel()
    {
        Socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp);
        try
        {
            Socket.Bind(new IPEndPoint(IPAddress.Any, 0)); // .NET receives only on a bound socket
        }
        catch
        {
            Socket.Dispose();
            throw;
        }
    }

    public Socket Socket { get; }

    public void Send(IPAddress address, string interfaceName) =>
        Socket.SendTo(IcmpEcho.WriteRequest(_identifier, unchecked(++_sequence)), new IPEndPoint(address, 0));

    /// <summary>A raw ICMP socket sees every echo reply to this host: only those to our identifier count.</summary>
    public IPAddress? ReadAnswer(ReadOnlySpan<byte> packet) =>
        IcmpEcho.TryReadReply(packet, out var source, out var identifier, out _) && identifier == _identifier ? source : null;

    public void Dispose() => Socket.Dispose();
}
