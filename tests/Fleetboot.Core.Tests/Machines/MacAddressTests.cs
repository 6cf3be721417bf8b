using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Tests.Machines;

public sealed class MacAddressTests
{
    [Theory]
    [InlineData("aa:bb:cc:dd:ee:ff")]
    [InlineData("AA:BB:CC:DD:EE:FF")]
    [InlineData("AA-BB-CC-DD-EE-FF")]
    [InlineData("aa-bb-cc-dd-ee-ff")]
    [InlineData("aabb.ccdd.eeff")]
    [InlineData("AABB.CCDD.EEFF")]
    [InlineData("aabbccddeeff")]
    [InlineData("AaBbCcDdEeFf")]
    [InlineData("  aa:bb:cc:dd:ee:ff\t")]
    public void TryParse_AcceptedForm_GivesSameAddress(string text)
    {
        MacAddress.TryParse(text, out var mac).ShouldBeTrue();

        mac.Value.ShouldBe(0xaabbccddeeffUL);
        mac.ToString().ShouldBe("aa:bb:cc:dd:ee:ff");
    }

    [Theory]
    [InlineData("aa:bb-cc:dd:ee:ff")]
    [InlineData("aa:bb:cc:dd:ee.ff")]
    [InlineData("aabb.ccdd-eeff")]
    [InlineData("aabb:ccdd:eeff")]
    [InlineData("aa.bb.cc.dd.ee.ff")]
    [InlineData("aabb-ccdd-eeff")]
    [InlineData("aab:bcc:dde:eff")]
    [InlineData("a:abb:cc:dd:ee:ff")]
    [InlineData("aabbc.cdde.eff")]
    [InlineData(":aa:bb:cc:dd:ee:ff")]
    [InlineData("aa:bb:cc:dd:ee:ff:")]
    [InlineData("aa::bb:cc:dd:ee:ff")]
    [InlineData("aabbccddeef")]
    [InlineData("aabbccddeeff0")]
    [InlineData("aa:bb:cc:dd:ee")]
    [InlineData("aa:bb:cc:dd:ee:ff:00")]
    [InlineData("aa:bb:cc:dd:ee:fg")]
    [InlineData("zzbbccddeeff")]
    [InlineData("aa bb cc dd ee ff")]
    [InlineData("0xaabbccddeeff")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryParse_MalformedText_ReturnsFalse(string? text)
    {
        MacAddress.TryParse(text, out var mac).ShouldBeFalse();
        mac.ShouldBe(default);
    }

    [Fact]
    public void Parse_MalformedText_ThrowsFormatExceptionNamingInput()
    {
        var e = Should.Throw<FormatException>(() => MacAddress.Parse("nope"));

        e.Message.ShouldContain("'nope'");
    }

    [Fact]
    public void ToString_LeadingZeroOctets_KeepsTwoDigitsPerOctet()
    {
        new MacAddress(0x000102030a0bUL).ToString().ShouldBe("00:01:02:03:0a:0b");
    }

    [Fact]
    public void ToDashed_Address_UsesLowercaseDashes()
    {
        MacAddress.Parse("AA:BB:CC:DD:EE:0F").ToDashed().ShouldBe("aa-bb-cc-dd-ee-0f");
    }

    [Fact]
    public void FromBytes_SixBytes_ReadsBigEndian()
    {
        var mac = MacAddress.FromBytes([0x52, 0x54, 0x00, 0x12, 0x34, 0x56]);

        mac.ToString().ShouldBe("52:54:00:12:34:56");
    }

    [Fact]
    public void FromBytes_LongerSpan_UsesFirstSixBytes()
    {
        var mac = MacAddress.FromBytes([0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0xff, 0xff]);

        mac.ToString().ShouldBe("52:54:00:12:34:56");
    }

    [Fact]
    public void FromBytes_FiveBytes_Throws()
    {
        Should.Throw<ArgumentException>(() => MacAddress.FromBytes([1, 2, 3, 4, 5]));
    }

    [Fact]
    public void WriteTo_ThenFromBytes_RoundTrips()
    {
        var mac = MacAddress.Parse("fe:dc:ba:98:76:54");
        var bytes = new byte[6];

        mac.WriteTo(bytes);

        bytes.ShouldBe(new byte[] { 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54 });
        MacAddress.FromBytes(bytes).ShouldBe(mac);
    }

    [Theory]
    [InlineData("02:fb:00:00:00:01", true)]
    [InlineData("06:00:00:00:00:00", true)]
    [InlineData("fe:ff:ff:ff:ff:ff", true)]
    [InlineData("00:00:00:00:00:00", false)]
    [InlineData("52:54:00:12:34:56", true)]
    [InlineData("bc:24:11:00:00:01", false)]
    [InlineData("fd:ff:ff:ff:ff:ff", false)]
    public void IsLocallyAdministered_FirstOctet_ReadsBitOne(string text, bool expected)
    {
        MacAddress.Parse(text).IsLocallyAdministered.ShouldBe(expected);
    }

    [Fact]
    public void Equality_DifferentTextForms_AreEqual()
    {
        MacAddress.Parse("aabb.ccdd.eeff").ShouldBe(MacAddress.Parse("AA-BB-CC-DD-EE-FF"));
        MacAddress.Parse("aabb.ccdd.eeff").GetHashCode().ShouldBe(MacAddress.Parse("aa:bb:cc:dd:ee:ff").GetHashCode());
    }
}
