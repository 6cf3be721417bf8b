using Fleetboot.Protocols.Dhcp;

namespace Fleetboot.Protocols.Tests.Dhcp;

public sealed class DhcpPacketMalformedTests
{
    private static byte[] Valid => CapturedPackets.Bytes(CapturedPackets.UdhcpcPxeDiscover);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(235)]
    public void TryRead_Truncated_ReturnsFalseWithReason(int length)
    {
        DhcpPacket.TryRead(Valid.AsSpan(0, length), out var p, out var error).ShouldBeFalse();
        p.ShouldBeNull();
        error.ShouldContain("truncated");
    }

    [Fact]
    public void TryRead_BadHlen_ReturnsFalse()
    {
        var b = Valid;
        b[2] = 200;
        DhcpPacket.TryRead(b, out _, out var error).ShouldBeFalse();
        error.ShouldContain("hlen");
    }

    [Fact]
    public void TryRead_NonEthernetHtype_ReturnsFalse()
    {
        var b = Valid;
        b[1] = 32; // InfiniBand
        DhcpPacket.TryRead(b, out _, out var error).ShouldBeFalse();
        error.ShouldContain("htype");
    }

    [Fact]
    public void TryRead_OptionLengthPastEnd_ReturnsFalse()
    {
        var b = DhcpPacketTests.Header();
        b.AddRange([53, 1, 1, 60, 200, (byte)'P', (byte)'X']);
        DhcpPacket.TryRead(b.ToArray(), out _, out var error).ShouldBeFalse();
        error.ShouldContain("option 60");
    }

    [Fact]
    public void TryRead_OptionCodeWithoutLength_ReturnsFalse()
    {
        var b = DhcpPacketTests.Header();
        b.AddRange([53, 1, 1, 60]);
        DhcpPacket.TryRead(b.ToArray(), out _, out var error).ShouldBeFalse();
        error.ShouldContain("no length");
    }

    [Fact]
    public void TryRead_HugeOption55_ReadsAndWriterIgnoresDuplicates()
    {
        var b = DhcpPacketTests.Header();
        b.AddRange([53, 1, 1]);
        for (int k = 0; k < 4; k++)
        {
            b.Add(55);
            b.Add(255);
            for (int i = 0; i < 255; i++) b.Add((byte)(i % 254 + 1));
        }
        b.Add(255);
        DhcpPacket.TryRead(b.ToArray(), out var p, out var error).ShouldBeTrue(error);
        p.ParameterRequestList.Length.ShouldBe(1020);

        var reply = new DhcpPacket { Operation = DhcpOperation.BootReply, Options = [DhcpOption.FromByte(DhcpOptionCode.MessageType, 2), DhcpOption.FromUInt32(DhcpOptionCode.IpAddressLeaseTime, 60)] };
        DhcpPacket.TryRead(DhcpPacketWriter.Write(reply, p.ParameterRequestList.Span), out var r, out _).ShouldBeTrue();
        r.Options.Count.ShouldBe(2);
    }

    [Fact]
    public void TryRead_NoMagicCookie_ReadsAsBootpWithoutOptions()
    {
        var b = Valid;
        b[236] = 0;
        DhcpPacket.TryRead(b, out var p, out var error).ShouldBeTrue(error);
        p.Options.ShouldBeEmpty();
        p.MessageType.ShouldBeNull();
    }

    [Fact]
    public void TryRead_OverloadedFileWithBadOption_ReturnsFalse()
    {
        var b = DhcpPacketTests.Header();
        b.AddRange([53, 1, 1, 52, 1, 1, 255]);
        var bytes = b.ToArray();
        bytes[108] = 67;
        bytes[109] = 250; // runs past the 128-byte file field
        DhcpPacket.TryRead(bytes, out _, out var error).ShouldBeFalse();
        error.ShouldContain("file");
    }

    [Fact]
    public void TryRead_RandomGarbage_NeverThrows()
    {
        var random = new Random(4242);
        var valid = Valid;
        int accepted = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] b;
            if (i % 2 == 0)
            {
                b = new byte[random.Next(0, 700)];
                random.NextBytes(b);
                if (b.Length > 2) { b[1] = 1; b[2] = 6; }
            }
            else
            {
                // Mutate a valid packet's option area so the header passes and the option parser is exercised.
                b = (byte[])valid.Clone();
                for (int k = 0; k < 8; k++) b[random.Next(240, b.Length)] = (byte)random.Next(256);
                b = b.AsSpan(0, random.Next(236, b.Length + 1)).ToArray();
            }
            if (DhcpPacket.TryRead(b, out var p, out _))
            {
                accepted++;
                _ = p.ClientSystemArchitectures;
                _ = p.UserClasses;
                _ = p.DomainSearch;
                _ = p.ClientMachineIdentifier;
                _ = DhcpPacketWriter.Write(p with { Operation = DhcpOperation.BootReply }, p.ParameterRequestList.Span, p.MaximumMessageSize ?? 576);
            }
        }
        accepted.ShouldBeGreaterThan(0);
    }
}
