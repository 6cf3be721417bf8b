using System.Buffers.Binary;
using System.Net;

namespace Fleetboot.Protocols.Icmp;

/// <summary>ICMPv4 echo request and reply (RFC 792): what an address probe sends and recognises.</summary>
public static class IcmpEcho
{
    private const byte EchoReply = 0;
    private const byte EchoRequest = 8;

    /// <summary>An echo request with checksum, as written to a raw ICMP socket (the kernel adds the IP header).</summary>
    public static byte[] WriteRequest(ushort identifier, ushort sequence)
    {
        var packet = new byte[16]; // 8-byte header, 8 bytes of payload ("fleetbt\0")
        packet[0] = EchoRequest;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), identifier);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), sequence);
        "fleetbt"u8.CopyTo(packet.AsSpan(8));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Checksum(packet));
        return packet;
    }

    /// <summary>Reads an echo reply as a raw ICMP socket receives it (IPv4 header first, whose source is the host that answered); false for anything else.</summary>
    public static bool TryReadReply(ReadOnlySpan<byte> datagram, out IPAddress source, out ushort identifier, out ushort sequence)
    {
        source = IPAddress.Any;
        identifier = 0;
        sequence = 0;
        if (datagram.Length < 20 || datagram[0] >> 4 != 4) return false;
        int headerLength = (datagram[0] & 0x0f) * 4;
        if (headerLength < 20 || datagram.Length < headerLength + 8) return false;
        var icmp = datagram[headerLength..];
        if (icmp[0] != EchoReply || icmp[1] != 0) return false;
        identifier = BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]);
        sequence = BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]);
        source = new IPAddress(datagram.Slice(12, 4));
        return true;
    }

    /// <summary>The Internet checksum (RFC 1071) over <paramref name="data"/>, with its checksum field zero.</summary>
    private static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (int i = 0; i + 1 < data.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if ((data.Length & 1) != 0) sum += (uint)data[^1] << 8;
        while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }
}
