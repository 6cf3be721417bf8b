using Fleetboot.Tftp.Tests.Support;

namespace Fleetboot.Tftp.Tests;

public sealed class TftpLoaderInstallerTests
{
    [Fact]
    public void Install_SourcesPresent_CopiesThenReportsUpToDate()
    {
        using var packages = new TempDirectory();
        using var root = new TempDirectory();
        packages.Write("usr/lib/ipxe/undionly.kpxe", [1, 2, 3]);
        packages.Write("usr/lib/shim/shimx64.efi.signed", [4, 5]);
        var files = new[]
        {
            new TftpLoaderFile("ipxe", packages.File("usr/lib/ipxe/undionly.kpxe"), "undionly.kpxe"),
            new TftpLoaderFile("shim-signed", packages.File("usr/lib/shim/shimx64.efi.signed"), "efi/shimx64.efi"),
        };
        var installer = new TftpLoaderInstaller(files);

        var first = installer.Install(root.Path);
        first.Installed.Count.ShouldBe(2);
        first.Missing.ShouldBeEmpty();
        first.FixCommand.ShouldBeNull();
        File.ReadAllBytes(root.File("undionly.kpxe")).ShouldBe(new byte[] { 1, 2, 3 });
        File.ReadAllBytes(root.File("efi/shimx64.efi")).ShouldBe(new byte[] { 4, 5 });

        var second = installer.Install(root.Path);
        second.Installed.ShouldBeEmpty();
        second.UpToDate.Count.ShouldBe(2);
    }

    [Fact]
    public void Install_SourceChanged_ReplacesTarget()
    {
        using var packages = new TempDirectory();
        using var root = new TempDirectory();
        packages.Write("ipxe.efi", [1]);
        var installer = new TftpLoaderInstaller([new TftpLoaderFile("ipxe", packages.File("ipxe.efi"), "ipxe.efi")]);
        installer.Install(root.Path);
        packages.Write("ipxe.efi", [2, 2]);
        installer.Install(root.Path).Installed.Count.ShouldBe(1);
        File.ReadAllBytes(root.File("ipxe.efi")).ShouldBe(new byte[] { 2, 2 });
        Directory.GetFiles(root.Path).ShouldBe([root.File("ipxe.efi")]); // no temporary left behind
    }

    [Fact]
    public void Install_PackageMissing_ReportsAptCommand()
    {
        using var root = new TempDirectory();
        var installer = new TftpLoaderInstaller(
        [
            new TftpLoaderFile("pxelinux", "/nonexistent/fleetboot/pxelinux.0", "pxelinux.0"),
            new TftpLoaderFile("syslinux-common", "/nonexistent/fleetboot/ldlinux.c32", "ldlinux.c32"),
            new TftpLoaderFile("pxelinux", "/nonexistent/fleetboot/lpxelinux.0", "lpxelinux.0"),
        ]);
        var report = installer.Install(root.Path);
        report.Missing.Count.ShouldBe(3);
        report.MissingPackages.ShouldBe(["pxelinux", "syslinux-common"]);
        report.FixCommand.ShouldBe("apt-get install -y pxelinux syslinux-common");
    }

    [Fact]
    public void Install_DebianLoaders_CopiesEveryInstalledPackageFileByteForByte()
    {
        using var root = new TempDirectory();
        var report = new TftpLoaderInstaller().Install(root.Path);
        (report.Installed.Count + report.Missing.Count).ShouldBe(TftpLoaderInstaller.DebianLoaders.Count);
        foreach (var file in report.Installed)
        {
            File.ReadAllBytes(root.File(file.Target)).ShouldBe(File.ReadAllBytes(file.Source), file.Target);
        }
        // test.sh installs the loader packages; a missing one is named with its fix.
        report.Missing.ShouldBeEmpty($"missing loader packages: {report.FixCommand}");
    }
}
