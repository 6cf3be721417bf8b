namespace Fleetboot.Tftp;

/// <summary>
/// Copies the network boot loaders from their Debian packages into the TFTP root. A file is replaced only when its
/// size or modification time differs from the package's, through a temporary file and a rename, so running
/// transfers keep reading the old copy and the hot-file cache sees the change.
/// </summary>
public sealed class TftpLoaderInstaller
{
    private const string SyslinuxBios = "/usr/lib/syslinux/modules/bios/";

    /// <summary>The loaders of Debian 12's packages (paths verified with <c>dpkg -L</c>).</summary>
    public static IReadOnlyList<TftpLoaderFile> DebianLoaders { get; } =
    [
        new("ipxe", "/usr/lib/ipxe/undionly.kpxe", "undionly.kpxe"),
        new("ipxe", "/usr/lib/ipxe/ipxe.efi", "ipxe.efi"),
        new("ipxe", "/usr/lib/ipxe/snponly.efi", "snponly.efi"),
        new("shim-signed", "/usr/lib/shim/shimx64.efi.signed", "shimx64.efi"),
        // shim chain-loads grubx64.efi from its own directory; the signed netboot GRUB looks for grub/grub.cfg*.
        new("grub-efi-amd64-signed", "/usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed", "grubx64.efi"),
        new("grub-efi-amd64-signed", "/usr/lib/grub/x86_64-efi-signed/grubnetx64.efi.signed", "grubnetx64.efi"),
        new("pxelinux", "/usr/lib/PXELINUX/pxelinux.0", "pxelinux.0"),
        new("pxelinux", "/usr/lib/PXELINUX/lpxelinux.0", "lpxelinux.0"),
        new("syslinux-common", SyslinuxBios + "ldlinux.c32", "ldlinux.c32"),
        new("syslinux-common", SyslinuxBios + "libcom32.c32", "libcom32.c32"),
        new("syslinux-common", SyslinuxBios + "libutil.c32", "libutil.c32"),
        new("syslinux-common", SyslinuxBios + "menu.c32", "menu.c32"),
        new("syslinux-common", SyslinuxBios + "vesamenu.c32", "vesamenu.c32"),
        new("syslinux-common", SyslinuxBios + "chain.c32", "chain.c32"),
        new("syslinux-common", SyslinuxBios + "pxechn.c32", "pxechn.c32"),
        new("syslinux-common", SyslinuxBios + "reboot.c32", "reboot.c32"),
        new("syslinux-common", SyslinuxBios + "poweroff.c32", "poweroff.c32"),
    ];

    private readonly IReadOnlyList<TftpLoaderFile> _files;

    public TftpLoaderInstaller(IReadOnlyList<TftpLoaderFile>? files = null) => _files = files ?? DebianLoaders;

    /// <summary>Installs every available loader into <paramref name="root"/> (created if needed); never throws for a missing package.</summary>
    public TftpLoaderInstallReport Install(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Directory.CreateDirectory(root);
        var installed = new List<TftpLoaderFile>();
        var upToDate = new List<TftpLoaderFile>();
        var missing = new List<TftpLoaderFile>();
        foreach (var file in _files)
        {
            var source = new FileInfo(file.Source);
            if (!source.Exists)
            {
                missing.Add(file);
                continue;
            }
            var target = Path.Join(root, file.Target);
            var existing = new FileInfo(target);
            if (existing.Exists && existing.LinkTarget is null && existing.Length == source.Length && existing.LastWriteTimeUtc == source.LastWriteTimeUtc)
            {
                upToDate.Add(file);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temporary = target + ".fleetboot-tmp";
            File.Copy(source.FullName, temporary, overwrite: true);
            File.SetLastWriteTimeUtc(temporary, source.LastWriteTimeUtc);
            File.Move(temporary, target, overwrite: true);
            installed.Add(file);
        }
        return new TftpLoaderInstallReport(installed, upToDate, missing);
    }
}
