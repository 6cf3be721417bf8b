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
    public void Select_ExplicitFileOverride_ReplacesFirmwareLoaderAndIpxeScriptButNotFleetbootScript()
    {
        Select([7], over: "custom/loader.efi")!.File.ShouldBe("custom/loader.efi");
        Select([16], "HTTPClient", over: "custom/loader.efi")!.File.ShouldBe($"{Base}/custom/loader.efi");
        Select([7], userClasses: ["iPXE"], over: "custom/loader.efi")!.File.ShouldBe("custom/loader.efi");
        Select([7], userClasses: ["fleetboot"], over: "custom/loader.efi")!.File.ShouldBe($"{Base}/ipxe?mac=52:54:00:12:34:56");
    }

    [Fact]
    public void Select_UrlOverride_IsSentAsIsEvenToHttpBoot() =>
        Select([16], "HTTPClient", over: "https://boot.example/grub.efi")!.File.ShouldBe("https://boot.example/grub.efi");

    [Theory]
    [InlineData("grub", (ushort)7, "grubnetx64.efi")]
    [InlineData("grub", (ushort)9, "grubnetx64.efi")]
    [InlineData("shim", (ushort)7, "shimx64.efi")]
    [InlineData("pxelinux", (ushort)0, "lpxelinux.0")]
    public void Select_LoaderKindFittingTheFirmware_ReturnsItsFile(string kind, ushort arch, string file)
    {
        var d = Select([arch], over: kind)!;
        d.File.ShouldBe(file);
        d.Reason.ShouldBe("override");
        d.UnfitLoader.ShouldBeNull();
    }

    [Fact]
    public void Select_PxelinuxOnIpxeRom_BeatsTheIpxeUserClass() =>
        Select([0], "PXEClient:Arch:00000:UNDI:002001", ["iPXE"], over: "pxelinux")!.File.ShouldBe("lpxelinux.0");

    [Fact]
    public void Select_LoaderKindFiles_FollowTheOptions()
    {
        var options = Options with { GrubLoader = "efi/grub.efi", ShimLoader = "efi/shim.efi", PxelinuxLoader = "bios/pxelinux.0" };
        Select([7], over: "grub", options: options)!.File.ShouldBe("efi/grub.efi");
        Select([7], over: "shim", options: options)!.File.ShouldBe("efi/shim.efi");
        Select([0], over: "pxelinux", options: options)!.File.ShouldBe("bios/pxelinux.0");
    }

    [Theory]
    [InlineData("grub", (ushort)0, null, "undionly.kpxe")]
    [InlineData("shim", (ushort)0, null, "undionly.kpxe")]
    [InlineData("grub", (ushort)6, null, "ipxe.efi")]
    [InlineData("shim", (ushort)11, null, "ipxe-arm64.efi")]
    [InlineData("pxelinux", (ushort)7, null, "ipxe.efi")]
    [InlineData("grub", (ushort)16, "HTTPClient:Arch:00016", Base + "/ipxe.efi")]
    [InlineData("grub", (ushort)0, "iPXE", Base + "/boot.ipxe")]
    public void Select_LoaderKindNotFittingTheFirmware_FallsBackToTheDefaultAndSaysSo(string kind, ushort arch, string? hint, string file)
    {
        var d = hint == "iPXE" ? Select([arch], userClasses: ["iPXE"], over: kind)! : Select([arch], hint ?? "PXEClient", over: kind)!;
        d.File.ShouldBe(file);
        d.UnfitLoader.ShouldBe(kind);
    }

    [Fact]
    public void Select_IpxeKind_IsTheDefaultBehaviour()
    {
        var d = Select([0], userClasses: ["iPXE"], over: "ipxe")!;
        d.File.ShouldBe($"{Base}/boot.ipxe");
        d.UnfitLoader.ShouldBeNull();
        Select([7], over: "ipxe")!.File.ShouldBe("ipxe.efi");
    }

    [Fact]
    public void Select_NoOption93_ReadsArchFromVendorClass() =>
        Select([], "PXEClient:Arch:00007:UNDI:003000")!.File.ShouldBe("ipxe.efi");

    [Fact]
    public void Select_OrdinaryClient_ReturnsNull() =>
        Select([], vendor: "udhcp 1.35.0").ShouldBeNull();
}
