using System.Buffers.Binary;
using Fleetboot.Protocols.Icmp;

namespace Fleetboot.Protocols.Tests.Icmp;

public sealed class IcmpEchoTests
{
    [Fact]
    public void WriteRequest_AnyIdAndSequence_IsEchoRequestWithValidChecksum()
    {
        var packet = IcmpEcho.WriteRequest(0xbeef, 7);

        packet[0].ShouldBe((byte)8);
        BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(4)).ShouldBe((ushort)0xbeef);
        BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(6)).ShouldBe((ushort)7);
        uint sum = 0;
        for (int i = 0; i < packet.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(i));
        while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
        sum.ShouldBe(0xffffu); // RFC 1071: a packet with its checksum sums to all ones
    }

    [Fact]
    public void TryReadReply_EchoReplyAfterIpHeader_ReadsSourceIdAndSequence()
    {
        var reply = IpHeader().Concat(IcmpEcho.WriteRequest(0x1234, 42)).ToArray();
        reply[20] = 0; // echo reply

        IcmpEcho.TryReadReply(reply, out var source, out var id, out var seq).ShouldBeTrue();
        source.ShouldBe(System.Net.IPAddress.Parse("10.9.0.100"));
        id.ShouldBe((ushort)0x1234);
        seq.ShouldBe((ushort)42);
    }

    [Fact]
    public void TryReadReply_EchoRequestOrTruncated_IsFalse()
    {
        var request = IpHeader().Concat(IcmpEcho.WriteRequest(1, 1)).ToArray();

        IcmpEcho.TryReadReply(request, out _, out _, out _).ShouldBeFalse();
        IcmpEcho.TryReadReply(request.AsSpan(0, 24), out _, out _, out _).ShouldBeFalse();
        IcmpEcho.TryReadReply([], out _, out _, out _).ShouldBeFalse();
    }

    private static byte[] IpHeader()
    {
        var header = new byte[20];
        header[0] = 0x45; // IPv4, 5 words
        header[9] = 1; // ICMP
        header[12] = 10; // source 10.9.0.100
        header[13] = 9;
        header[15] = 100;
        return header;
    }
}
