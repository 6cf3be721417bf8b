using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Machines;

namespace Fleetboot.Dhcp.Tests.Core;

public sealed class BootLoaderSelectorTests
{
    private static readonly MacAddress Mac = MacAddress.Parse("52:54:00:12:34:56");
    private static readonly BootLoaderOptions Options = new();
    private const string Base = "http://10.9.0.1:8080";

    private static BootLoaderDecision? Select(ushort[] arch, string? vendor = "PXEClient", string[]? userClasses = null, string? over = null, BootLoaderOptions? options = null) =>
        BootLoaderSelector.Select(new BootLoaderRequest(Mac, arch, vendor, userClasses ?? [], over), options ?? Options, Base);

    [Fact]
    public void Select_BiosArch0_ReturnsUndionly() =>
        Select([0])!.File.ShouldBe("undionly.kpxe");

    [Theory]
    [InlineData((ushort)6)]
    [InlineData((ushort)7)]
    [InlineData((ushort)9)]
    public void Select_UefiArch_ReturnsConfiguredEfiLoader(ushort arch)
    {
        Select([arch])!.File.ShouldBe("ipxe.efi");
        Select([arch], options: Options with { UefiLoader = "snponly.efi" })!.File.ShouldBe("snponly.efi");
    }

    [Fact]
    public void Select_Arm64Uefi_ReturnsArmLoader() =>
        Select([11])!.File.ShouldBe("ipxe-arm64.efi");

    [Theory]
    [InlineData((ushort)15, "ipxe.efi")]
    [InlineData((ushort)16, "ipxe.efi")]
    [InlineData((ushort)19, "ipxe-arm64.efi")]
    public void Select_HttpBootArch_ReturnsAbsoluteUrlAndHttpClient(ushort arch, string loader)
    {
        var d = Select([arch], "HTTPClient:Arch:00016:UNDI:003000")!;
        d.File.ShouldBe($"{Base}/{loader}");
        d.IsHttpBoot.ShouldBeTrue();
    }

    [Fact]
    public void Select_IpxeUserClass_ReturnsBootScriptUrl()
    {
        var d = Select([7], "PXEClient:Arch:00007:UNDI:003016", ["iPXE"])!;
        d.File.ShouldBe($"{Base}/boot.ipxe");
        d.IsHttpBoot.ShouldBeFalse();
    }

    [Fact]
    public void Select_FleetbootUserClass_ReturnsMachineScriptDirectly() =>
        Select([0], userClasses: ["fleetboot"])!.File.ShouldBe($"{Base}/ipxe?mac=52:54:00:12:34:56");

    [Fact]
    public void Select_Override_ReplacesFirmwareLoaderButNotIpxeScript()
    {
        Select([7], over: "shimx64.efi")!.File.ShouldBe("shimx64.efi");
        Select([16], "HTTPClient", over: "grubx64.efi")!.File.ShouldBe($"{Base}/grubx64.efi");
        Select([7], userClasses: ["iPXE"], over: "shimx64.efi")!.File.ShouldBe($"{Base}/boot.ipxe");
    }

    [Fact]
    public void Select_NoOption93_ReadsArchFromVendorClass() =>
        Select([], "PXEClient:Arch:00007:UNDI:003000")!.File.ShouldBe("ipxe.efi");

    [Fact]
    public void Select_OrdinaryClient_ReturnsNull() =>
        Select([], vendor: "udhcp 1.35.0").ShouldBeNull();
}
