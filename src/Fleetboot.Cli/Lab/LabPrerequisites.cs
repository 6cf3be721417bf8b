namespace Fleetboot.Cli.Lab;

/// <summary>Checks, before anything is created, that the lab can run here; says what to install when not.</summary>
public static class LabPrerequisites
{
    /// <summary>Debian packages the lab uses (the kernel comes separately, by <c>apt-get download</c>).</summary>
    public static readonly IReadOnlyList<string> Packages =
        ["iproute2", "qemu-system-x86", "ovmf", "ipxe-qemu", "ipxe", "busybox-static", "dnsmasq", "util-linux",
         "grub-efi-amd64-signed", "shim-signed", "pxelinux", "syslinux-common"];

    /// <returns>The problems found, each one line with its fix; empty when the lab can run.</returns>
    public static IReadOnlyList<string> Check(bool needDnsmasq, IEnumerable<LabFirmware> firmware)
    {
        var problems = new List<string>();
        if (!Environment.IsPrivilegedProcess)
            problems.Add("the lab creates a network namespace, a bridge and tap devices: run it as root");
        void Tool(string name, string package)
        {
            if (!OnPath(name)) problems.Add($"{name} not found: apt-get install {package}");
        }
        void FileFrom(string path, string package)
        {
            if (!File.Exists(path)) problems.Add($"{path} not found: apt-get install {package}");
        }
        Tool("ip", "iproute2");
        Tool("setsid", "util-linux");
        Tool(QemuLauncher.Qemu, "qemu-system-x86");
        Tool("dpkg-deb", "dpkg");
        Tool("apt-get", "apt");
        FileFrom(Installer.TestInstaller.BusyboxPath, "busybox-static");
        if (needDnsmasq) Tool(LabDnsmasq.Program, "dnsmasq");
        foreach (var f in firmware.Distinct())
        {
            foreach (var loader in Tftp.TftpLoaderInstaller.DebianLoaders.Where(l => LabNames.Loader(f) is { } kind && NeededBy(kind, l.Target)))
                FileFrom(loader.Source, loader.Package);
            if (f is LabFirmware.Bios or LabFirmware.Pxelinux) FileFrom("/usr/lib/ipxe/qemu/efi-virtio.rom", "ipxe-qemu");
            else if (f == LabFirmware.SecureBoot)
            {
                FileFrom(QemuLauncher.OvmfCodeSecureBoot, "ovmf");
                FileFrom(QemuLauncher.OvmfVarsSecureBoot, "ovmf");
            }
            else
            {
                FileFrom(QemuLauncher.OvmfCode, "ovmf");
                FileFrom(QemuLauncher.OvmfVars, "ovmf");
                if (f is LabFirmware.Uefi or LabFirmware.UefiHttp) FileFrom(Path.Combine(LabLoaders.IpxeDirectory, LabLoaders.EfiLoader), "ipxe");
            }
        }
        if (!File.Exists("/dev/net/tun")) problems.Add("/dev/net/tun is missing: the kernel's tun module is needed for tap devices");
        return problems;
    }

    /// <summary>The files in the TFTP root that a loader kind loads: shim loads GRUB beside it, PXELINUX its ldlinux.c32.</summary>
    private static bool NeededBy(string kind, string target) => kind switch
    {
        Core.Dhcp.BootLoaderChoice.Grub => target == "grubnetx64.efi",
        Core.Dhcp.BootLoaderChoice.Shim => target is "shimx64.efi" or "grubx64.efi",
        Core.Dhcp.BootLoaderChoice.Pxelinux => target is "lpxelinux.0" or "ldlinux.c32",
        _ => false,
    };

    public static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':')
            .Concat(["/usr/sbin", "/sbin"]).Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, name)));
}
