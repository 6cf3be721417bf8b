using Fleetboot.Protocols.Tftp;

namespace Fleetboot.Tftp.Tests;

public sealed class TftpNegotiationTests
{
    private static TftpRequest Request(params (string, string)[] options) =>
        new(TftpOpcode.ReadRequest, "f", "octet", options.Select(o => new TftpOption(o.Item1, o.Item2)).ToList());

    [Fact]
    public void Negotiate_NoOptions_Rfc1350Defaults()
    {
        var n = TftpNegotiation.Negotiate(Request(), new TftpOptions(), 100);
        n.BlockSize.ShouldBe(512);
        n.WindowSize.ShouldBe(1);
        n.Timeout.ShouldBe(TimeSpan.FromSeconds(1));
        n.Accepted.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("8", 8)]
    [InlineData("1468", 1468)]
    [InlineData("1500", 1468)]
    [InlineData("65464", 1468)]
    [InlineData("70000", 1468)]
    public void Negotiate_Blksize_ClampedToMaximum(string requested, int granted)
    {
        var n = TftpNegotiation.Negotiate(Request(("blksize", requested)), new TftpOptions(), 100);
        n.BlockSize.ShouldBe(granted);
        n.Accepted.ShouldBe([new TftpOption("blksize", granted.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    [Theory]
    [InlineData("blksize", "7")]
    [InlineData("blksize", "abc")]
    [InlineData("blksize", "")]
    [InlineData("blksize", "99999999999999999999999")]
    [InlineData("timeout", "0")]
    [InlineData("timeout", "256")]
    [InlineData("windowsize", "0")]
    [InlineData("windowsize", "65536")]
    [InlineData("tsize", "-1")]
    [InlineData("rollover", "0")]
    public void Negotiate_OutOfRangeOrUnknown_Ignored(string name, string value) =>
        TftpNegotiation.Negotiate(Request((name, value)), new TftpOptions(), 100).Accepted.ShouldBeEmpty();

    [Fact]
    public void Negotiate_AllKnown_EchoesTsizeTimeoutAndCappedWindow()
    {
        var n = TftpNegotiation.Negotiate(Request(("tsize", "0"), ("timeout", "3"), ("windowsize", "200")), new TftpOptions { MaxWindowSize = 32 }, 123456);
        n.Accepted.ShouldBe([new TftpOption("tsize", "123456"), new TftpOption("timeout", "3"), new TftpOption("windowsize", "32")]);
        n.Timeout.ShouldBe(TimeSpan.FromSeconds(3));
        n.WindowSize.ShouldBe(32);
    }

    [Fact]
    public void Negotiate_ForceBlockSize512_IgnoresBlksize()
    {
        var n = TftpNegotiation.Negotiate(Request(("blksize", "1468")), new TftpOptions { ForceBlockSize512 = true }, 100);
        n.BlockSize.ShouldBe(512);
        n.Accepted.ShouldBeEmpty();
    }
}
