using System.Net;
using Fleetboot.Protocols.Arp;

namespace Fleetboot.Protocols.Tests.Arp;

public sealed class ArpProbeTests
{
    private static readonly byte[] Mac = Convert.FromHexString("525400123456");

    [Fact]
    public void WriteRequest_MacAndTarget_IsRfc5227ProbeWithZeroSender()
    {
        var packet = ArpProbe.WriteRequest(Mac, IPAddress.Parse("10.9.0.100"));

        Convert.ToHexString(packet).ShouldBe("0001" + "0800" + "06" + "04" + "0001" + "525400123456" + "00000000" + "000000000000" + "0A090064");
    }

    [Fact]
    public void WriteRequest_ShortMacOrIPv6Target_Throws()
    {
        Should.Throw<ArgumentException>(() => ArpProbe.WriteRequest(Mac.AsSpan(0, 4), IPAddress.Parse("10.9.0.1")));
        Should.Throw<ArgumentException>(() => ArpProbe.WriteRequest(Mac, IPAddress.IPv6Loopback));
    }

    [Theory]
    [InlineData("0001080006040002" + "0a0b0c0d0e0f" + "0a090064" + "525400123456" + "00000000", "10.9.0.100")] // the answer to a probe
    [InlineData("0001080006040001" + "0a0b0c0d0e0f" + "0a090065" + "000000000000" + "0a090001", "10.9.0.101")] // the host asking for someone
    public void TryReadSender_ArpFromAHost_IsItsAddress(string hex, string expected)
    {
        ArpProbe.TryReadSender(Convert.FromHexString(hex), out var sender).ShouldBeTrue();
        sender.ShouldBe(IPAddress.Parse(expected));
    }

    [Theory]
    [InlineData("0001080006040001" + "525400123456" + "00000000" + "000000000000" + "0a090064")] // another probe: no sender address
    [InlineData("0006080006040002" + "0a0b0c0d0e0f" + "0a090064" + "525400123456" + "00000000")] // not Ethernet
    [InlineData("0001080006040002" + "0a0b0c0d0e0f" + "0a0900")] // truncated
    [InlineData("")]
    public void TryReadSender_ProbeOrForeignOrTruncated_IsFalse(string hex)
    {
        ArpProbe.TryReadSender(Convert.FromHexString(hex), out _).ShouldBeFalse();
    }
}
