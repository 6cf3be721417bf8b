namespace Fleetboot.Tftp.Tests;

public sealed class TftpPathTests
{
    [Theory]
    [InlineData("pxelinux.0", "pxelinux.0")]
    [InlineData("/pxelinux.0", "pxelinux.0")]
    [InlineData("///boot//x86/./vmlinuz", "boot/x86/vmlinuz")]
    [InlineData("\\boot\\grub\\grub.cfg", "boot/grub/grub.cfg")]
    [InlineData("ipxe.efi\0\0", "ipxe.efi")]
    [InlineData("ipxe.efi\u00FF\u00FF", "ipxe.efi")]
    [InlineData("dir..name/file..bin", "dir..name/file..bin")]
    public void TryNormalize_AcceptedNames_GivesRelativeForwardSlashPath(string filename, string expected)
    {
        TftpPath.TryNormalize(filename, out var path, out var refusal).ShouldBeTrue(refusal);
        path.ShouldBe(expected);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("/../../etc/passwd")]
    [InlineData("a/b/../../../x")]
    [InlineData("..\\..\\x")]
    [InlineData("C:\\boot.ini")]
    [InlineData("c:/x")]
    [InlineData("/")]
    [InlineData("bad\u0001name")]
    public void TryNormalize_TraversalAbsoluteOrEmpty_IsRefused(string filename)
    {
        TftpPath.TryNormalize(filename, out var path, out var refusal).ShouldBeFalse();
        path.ShouldBeNull();
        refusal.ShouldNotBeNullOrEmpty();
    }
}
