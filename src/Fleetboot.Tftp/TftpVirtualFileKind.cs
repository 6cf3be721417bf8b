namespace Fleetboot.Tftp;

/// <summary>The per-machine file names that are rendered rather than read from disk.</summary>
public enum TftpVirtualFileKind
{
    /// <summary><c>pxelinux.cfg/01-aa-bb-cc-dd-ee-ff</c></summary>
    PxelinuxMac,

    /// <summary><c>pxelinux.cfg/C0A80A05</c> and its shorter prefixes down to one hex digit.</summary>
    PxelinuxIpPrefix,

    /// <summary><c>pxelinux.cfg/default</c></summary>
    PxelinuxDefault,

    /// <summary><c>grub/grub.cfg-01-aa-bb-cc-dd-ee-ff</c></summary>
    GrubMac,

    /// <summary><c>grub/grub.cfg-192.168.10.5</c> or the hex form GRUB also tries (<c>grub/grub.cfg-C0A80A05</c> and prefixes).</summary>
    GrubIp,

    /// <summary><c>grub/grub.cfg</c></summary>
    GrubDefault,

    /// <summary><c>boot.ipxe</c></summary>
    IpxeBoot,

    /// <summary><c>autoexec.ipxe</c></summary>
    IpxeAutoexec,
}
