namespace Fleetboot.Core.Machines;

/// <summary>How a machine that should boot its disk is told so, in each loader's own terms.</summary>
public enum LocalBootMethod
{
    /// <summary>iPXE <c>exit</c>, GRUB <c>exit</c>, PXELINUX <c>LOCALBOOT 0</c>: the firmware tries its next boot device.</summary>
    Exit,

    /// <summary>iPXE <c>sanboot --no-describe --drive 0x80</c>, GRUB chainloads the disk's EFI loader, PXELINUX <c>LOCALBOOT 0</c>.</summary>
    Disk,

    /// <summary>Every boot endpoint answers 404.</summary>
    Http404,
}
