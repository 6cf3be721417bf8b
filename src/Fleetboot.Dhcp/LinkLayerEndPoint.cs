using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Fleetboot.Dhcp;

/// <summary>Linux's <c>sockaddr_ll</c> for AF_PACKET sockets, which .NET creates but has no end point for.</summary>
/// <param name="EtherType">The frame type, such as 0x0806 for ARP.</param>
/// <param name="InterfaceIndex">0 binds to every interface; sending needs one.</param>
/// <param name="HardwareAddress">Where a datagram socket sends to; empty when binding.</param>
internal sealed class LinkLayerEndPoint(ushort etherType, int interfaceIndex, byte[] hardwareAddress) : EndPoint
{
    private const int Size = 20; // family 2, protocol 2, ifindex 4, hatype 2, pkttype 1, halen 1, addr 8

    public static readonly byte[] Broadcast = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

    /// <summary>The socket() protocol argument for <paramref name="etherType"/>: in network byte order, like every sockaddr_ll field but the index.</summary>
    public static ProtocolType Protocol(ushort etherType) => (ProtocolType)BinaryPrimitives.ReverseEndianness(etherType);

    public override AddressFamily AddressFamily => AddressFamily.Packet;

    public override SocketAddress Serialize()
    {
        var address = new SocketAddress(AddressFamily.Packet, Size); // writes the family
        var bytes = address.Buffer.Span;
        BinaryPrimitives.WriteUInt16BigEndian(bytes[2..], etherType);
        MemoryMarshal.Write(bytes[4..], interfaceIndex); // host byte order
        bytes[11] = (byte)hardwareAddress.Length;
        hardwareAddress.CopyTo(bytes[12..]);
        return address;
    }

    public override EndPoint Create(SocketAddress socketAddress)
    {
        var bytes = socketAddress.Buffer.Span;
        return new LinkLayerEndPoint(BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]), MemoryMarshal.Read<int>(bytes[4..]),
            bytes.Slice(12, Math.Min((int)bytes[11], 8)).ToArray());
    }
}
