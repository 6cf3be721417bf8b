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

    /// <summary>Option 77 sent by stock iPXE.</summary>
    public string IpxeUserClass { get; init; } = "iPXE";

    /// <summary>Option 77 set by Fleetboot's own loader script; such clients get the machine's script directly.</summary>
    public string FleetbootUserClass { get; init; } = "fleetboot";

    /// <summary>Path (under the HTTP base URL) of the generic iPXE entry script.</summary>
    public string BootScriptPath { get; init; } = "/boot.ipxe";

    /// <summary>Path of the per-machine script; <c>{mac}</c> is replaced with the client's MAC.</summary>
    public string MachineScriptPath { get; init; } = "/ipxe?mac={mac}";
}
