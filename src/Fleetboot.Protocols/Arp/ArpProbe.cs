using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Fleetboot.Protocols.Arp;

/// <summary>
/// ARP for Ethernet and IPv4 (RFC 826) as an address probe (RFC 5227) uses it: a request with sender address 0.0.0.0,
/// so that nobody's neighbour table learns anything, and any ARP packet sent by the probed address as the answer.
/// Packets are the ARP payload alone, as a link-layer datagram socket sends and receives them (the kernel adds the Ethernet header).
/// </summary>
public static class ArpProbe
{
    public const ushort EtherTypeArp = 0x0806;
    public const int Length = 28;

    private const ushort HardwareEthernet = 1;
    private const ushort ProtocolIPv4 = 0x0800;
    private const ushort OperationRequest = 1;

    /// <summary>Who has <paramref name="target"/>? Asked from <paramref name="senderMac"/> with no sender address.</summary>
    public static byte[] WriteRequest(ReadOnlySpan<byte> senderMac, IPAddress target)
    {
        if (senderMac.Length != 6) throw new ArgumentException("an Ethernet address has 6 bytes", nameof(senderMac));
        if (target.AddressFamily != AddressFamily.InterNetwork) throw new ArgumentException("ARP probes IPv4 addresses", nameof(target));
        var packet = new byte[Length];
        BinaryPrimitives.WriteUInt16BigEndian(packet, HardwareEthernet);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), ProtocolIPv4);
        packet[4] = 6;
        packet[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), OperationRequest);
        senderMac.CopyTo(packet.AsSpan(8));
        // sender protocol address (14..17) and target hardware address (18..23) stay zero
        target.TryWriteBytes(packet.AsSpan(24), out _);
        return packet;
    }

    /// <summary>The sender's IPv4 address of an Ethernet/IPv4 ARP packet (request or reply); false for anything else or a sender of 0.0.0.0 (another probe).</summary>
    public static bool TryReadSender(ReadOnlySpan<byte> packet, out IPAddress sender)
    {
        sender = IPAddress.Any;
        if (packet.Length < Length
            || BinaryPrimitives.ReadUInt16BigEndian(packet) != HardwareEthernet
            || BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) != ProtocolIPv4
            || packet[4] != 6 || packet[5] != 4)
            return false;
        var address = packet.Slice(14, 4);
        if (BinaryPrimitives.ReadUInt32BigEndian(address) == 0) return false;
        sender = new IPAddress(address);
        return true;
    }
}
