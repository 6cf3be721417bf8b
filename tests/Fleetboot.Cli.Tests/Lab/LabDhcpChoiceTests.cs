using Fleetboot.Cli.Lab;

namespace Fleetboot.Cli.Tests.Lab;

public sealed class LabDhcpChoiceTests
{
    [Theory]
    [InlineData("fleetboot", LabDhcp.Fleetboot)]
    [InlineData("dnsmasq", LabDhcp.Dnsmasq)]
    [InlineData("proxy", LabDhcp.Proxy)]
    [InlineData("Proxy", LabDhcp.Proxy)]
    public void TryParseDhcp_Choice_GivesItsMode(string text, LabDhcp expected)
    {
        LabNames.TryParseDhcp(text, out var dhcp).ShouldBeTrue();
        dhcp.ShouldBe(expected);
        LabNames.DhcpChoices.Split('|').ShouldContain(LabNames.Of(dhcp));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("full")]
    [InlineData("")]
    public void TryParseDhcp_NotAChoice_IsRefused(string text)
    {
        LabNames.TryParseDhcp(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void Arguments_SiteServer_BindsTheSiteInterfaceAndSendsNoBootOptions()
    {
        var args = LabDnsmasq.Arguments(LabNetwork.Default, LabLayout.At("/tmp/lab-test"), 8080, site: true);

        args.ShouldContain($"--interface={LabNetwork.SiteInterface}");
        args.ShouldNotContain(a => a.StartsWith("--dhcp-boot", StringComparison.Ordinal) || a.StartsWith("--dhcp-option", StringComparison.Ordinal));
    }

    [Fact]
    public void Arguments_LabServer_GivesIpxeTheBootScriptOnTheBridge()
    {
        var args = LabDnsmasq.Arguments(LabNetwork.Default, LabLayout.At("/tmp/lab-test"), 8080);

        args.ShouldContain("--interface=fbbr0");
        args.ShouldContain("--dhcp-boot=tag:ipxe,http://10.77.0.1:8080/boot.ipxe");
    }
}
