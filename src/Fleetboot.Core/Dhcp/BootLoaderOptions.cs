namespace Fleetboot.Core.Dhcp;

/// <summary>Which loader each firmware gets. File names are relative to the TFTP root and to the HTTP base URL.</summary>
public sealed record BootLoaderOptions
{
    /// <summary>Option 93 type 0: x86 BIOS PXE ROMs.</summary>
    public string BiosLoader { get; init; } = "undionly.kpxe";

    /// <summary>Option 93 types 6, 7 and 9 (x86/x64 UEFI). <c>snponly.efi</c> keeps the firmware's driver.</summary>
    public string UefiLoader { get; init; } = "ipxe.efi";

    /// <summary>Option 93 types 11 and 19 (arm64 UEFI).</summary>
    public string Arm64UefiLoader { get; init; } = "ipxe-arm64.efi";

    /// <summary>The <c>grub</c> loader kind on x86-64 UEFI PXE: Debian's signed netboot GRUB.</summary>
    public string GrubLoader { get; init; } = "grubnetx64.efi";

    /// <summary>The <c>shim</c> loader kind (Secure Boot) on x86-64 UEFI PXE; shim loads <c>grubx64.efi</c> from the same directory.</summary>
    public string ShimLoader { get; init; } = "shimx64.efi";

    /// <summary>The <c>pxelinux</c> loader kind on BIOS PXE: the PXELINUX that can also fetch over HTTP.</summary>
    public string PxelinuxLoader { get; init; } = "lpxelinux.0";

    /// <summary>Option 77 sent by stock iPXE.</summary>
    public string IpxeUserClass { get; init; } = "iPXE";

    /// <summary>Option 77 set by Fleetboot's own loader script; such clients get the machine's script directly.</summary>
    public string FleetbootUserClass { get; init; } = "fleetboot";

    /// <summary>Path (under the HTTP base URL) of the generic iPXE entry script.</summary>
    public string BootScriptPath { get; init; } = "/boot.ipxe";

    /// <summary>Path of the per-machine script; <c>{mac}</c> is replaced with the client's MAC.</summary>
    public string MachineScriptPath { get; init; } = "/ipxe?mac={mac}";
}
