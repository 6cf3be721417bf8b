using Fleetboot.Core.Dhcp;

namespace Fleetboot.Core.Tests.Dhcp;

public sealed class BootLoaderChoiceTests
{
    [Theory]
    [InlineData("grub", "grub")]
    [InlineData(" SHIM ", "shim")]
    [InlineData("PXELinux", "pxelinux")]
    [InlineData("ipxe", "ipxe")]
    [InlineData("/efi/custom.efi", "efi/custom.efi")]
    [InlineData("lpxelinux.0", "lpxelinux.0")]
    [InlineData("https://boot.example/efi/grub.efi", "https://boot.example/efi/grub.efi")]
    public void TryNormalize_ValidValue_GivesTheStoredForm(string text, string stored)
    {
        BootLoaderChoice.TryNormalize(text, out var loader, out var error).ShouldBeTrue(error);
        loader.ShouldBe(stored);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("efi/../../secret")]
    [InlineData("efi//grub.efi")]
    [InlineData("efi\\grub.efi")]
    [InlineData("grub x64.efi")]
    [InlineData("ftp://boot.example/grub.efi")]
    [InlineData("http://")]
    [InlineData("/")]
    public void TryNormalize_BadValue_FailsNamingTheChoices(string text)
    {
        BootLoaderChoice.TryNormalize(text, out var loader, out var error).ShouldBeFalse();
        loader.ShouldBeNull();
        error.ShouldContain("ipxe, grub, shim, pxelinux");
    }

    [Fact]
    public void TryNormalize_TooLong_Fails() =>
        BootLoaderChoice.TryNormalize(new string('a', 256), out _, out _).ShouldBeFalse();

    [Theory]
    [InlineData("grub", ClientArchitectures.X64Uefi, false, "grubnetx64.efi")]
    [InlineData("shim", ClientArchitectures.EbcUefi, false, "shimx64.efi")]
    [InlineData("pxelinux", ClientArchitectures.X86Bios, false, "lpxelinux.0")]
    [InlineData("grub", ClientArchitectures.X86Bios, false, null)]
    [InlineData("grub", ClientArchitectures.X64UefiHttp, true, null)]
    [InlineData("shim", ClientArchitectures.Arm64Uefi, false, null)]
    [InlineData("pxelinux", ClientArchitectures.X64Uefi, false, null)]
    [InlineData("ipxe", ClientArchitectures.X64Uefi, false, null)]
    [InlineData("my/loader.efi", ClientArchitectures.X86Bios, false, "my/loader.efi")]
    public void FileFor_KindAndArchitecture_GivesTheFittingFileOrNull(string loader, ushort arch, bool httpBoot, string? file) =>
        BootLoaderChoice.FileFor(loader, arch, httpBoot, new BootLoaderOptions()).ShouldBe(file);
}
