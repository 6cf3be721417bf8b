using Fleetboot.Core.Validation;

namespace Fleetboot.Core.Tests.Validation;

public sealed class FieldErrorsTests
{
    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("192.168.100.200")]
    public void CheckIPv4_DottedDecimal_Accepts(string value)
    {
        var errors = new FieldErrors();

        errors.CheckIPv4("ip", value, out var address).ShouldBeTrue();

        address!.ToString().ShouldBe(value);
        Should.NotThrow(errors.ThrowIfAny);
    }

    [Theory]
    [InlineData("10.0.0")]
    [InlineData("10.0.0.256")]
    [InlineData("167772161")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("10.0.0.010")]
    [InlineData("010.0.0.1")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("10.0.0.1/24")]
    [InlineData("host.example")]
    public void CheckIPv4_NotPlainDottedDecimal_RejectsNamingField(string value)
    {
        var errors = new FieldErrors();

        errors.CheckIPv4("staticIp", value, out var address).ShouldBeFalse();

        address.ShouldBeNull();
        var e = Should.Throw<ValidationException>(errors.ThrowIfAny);
        e.Errors.ShouldHaveSingleItem().ShouldBe(new FieldError("staticIp", $"'{value}' is not an IPv4 address"));
    }

    [Theory]
    [InlineData("web-01", true)]
    [InlineData("web-01.example.com", true)]
    [InlineData("a", true)]
    [InlineData("web_01", false)]
    [InlineData("-web", false)]
    [InlineData("web-", false)]
    [InlineData("web..example", false)]
    [InlineData("web.", false)]
    public void CheckHostname_Value_FollowsRfc1123(string value, bool valid)
    {
        new FieldErrors().CheckHostname("hostname", value).ShouldBe(valid);
    }

    [Fact]
    public void CheckHostname_LabelOf64Characters_Rejects()
    {
        new FieldErrors().CheckHostname("hostname", new string('a', 63)).ShouldBeTrue();
        new FieldErrors().CheckHostname("hostname", new string('a', 64)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("linux", true)]
    [InlineData("fedora-41_x86.64", true)]
    [InlineData("0day", true)]
    [InlineData("Linux", false)]
    [InlineData("-linux", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("a b", false)]
    public void CheckId_Value_AllowsLowercaseIds(string? value, bool valid)
    {
        new FieldErrors().CheckId("id", value).ShouldBe(valid);
    }

    [Fact]
    public void ThrowIfAny_SeveralErrors_ThrowsThemAllInOrder()
    {
        var errors = new FieldErrors();
        errors.Add("a", "one");
        errors.Add("b", "two");

        var e = Should.Throw<ValidationException>(errors.ThrowIfAny);

        e.Errors.ShouldBe([new FieldError("a", "one"), new FieldError("b", "two")]);
        e.Message.ShouldBe("a: one; b: two");
    }
}
