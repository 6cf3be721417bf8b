namespace Fleetboot.Cli.Lab;

/// <summary>How a lab VM boots from the network (the paths of the lab issue).</summary>
public enum LabFirmware
{
    /// <summary>SeaBIOS with QEMU's iPXE option ROM: DHCP user class iPXE, then HTTP.</summary>
    Bios,
    /// <summary>OVMF native UEFI PXE, no iPXE ROM (<c>romfile=</c>): DHCP arch 7, TFTP loader, then HTTP.</summary>
    Uefi,
    /// <summary>OVMF UEFI HTTP Boot (arch 16, <c>HTTPClient</c>): the loader by absolute URL.</summary>
    UefiHttp,
    /// <summary>OVMF UEFI PXE loading GRUB (grubnetx64.efi) over TFTP.</summary>
    Grub,
    /// <summary>OVMF with Microsoft keys enrolled and Secure Boot enforced: shim, signed GRUB, signed kernel.</summary>
    SecureBoot,
    /// <summary>SeaBIOS PXE loading lpxelinux.0 over TFTP.</summary>
    Pxelinux,
}

/// <summary>The emulated NIC model.</summary>
public enum LabNic
{
    Virtio,
    E1000,
}

public static class LabNames
{
    public static bool TryParseFirmware(string text, out LabFirmware firmware)
    {
        firmware = text.ToLowerInvariant() switch
        {
            "bios" => LabFirmware.Bios,
            "uefi" => LabFirmware.Uefi,
            "uefi-http" => LabFirmware.UefiHttp,
            "grub" => LabFirmware.Grub,
            "secureboot" => LabFirmware.SecureBoot,
            "pxelinux" => LabFirmware.Pxelinux,
            _ => (LabFirmware)(-1),
        };
        return Enum.IsDefined(firmware);
    }

    public static string Of(LabFirmware firmware) => firmware switch
    {
        LabFirmware.Bios => "bios",
        LabFirmware.Uefi => "uefi",
        LabFirmware.UefiHttp => "uefi-http",
        LabFirmware.Grub => "grub",
        LabFirmware.SecureBoot => "secureboot",
        LabFirmware.Pxelinux => "pxelinux",
        _ => throw new ArgumentOutOfRangeException(nameof(firmware)),
    };

    /// <summary>The machine's loader (see <see cref="Core.Dhcp.BootLoaderChoice"/>) that the path needs; null: Fleetboot's default, iPXE.</summary>
    public static string? Loader(LabFirmware firmware) => firmware switch
    {
        LabFirmware.Grub => Core.Dhcp.BootLoaderChoice.Grub,
        LabFirmware.SecureBoot => Core.Dhcp.BootLoaderChoice.Shim,
        LabFirmware.Pxelinux => Core.Dhcp.BootLoaderChoice.Pxelinux,
        _ => null,
    };

    public const string DhcpChoices = "fleetboot|dnsmasq|proxy";

    public static string Of(LabDhcp dhcp) => dhcp.ToString().ToLowerInvariant();

    public static bool TryParseDhcp(string text, out LabDhcp dhcp)
    {
        dhcp = Enum.GetValues<LabDhcp>().FirstOrDefault(d => string.Equals(Of(d), text, StringComparison.OrdinalIgnoreCase), (LabDhcp)(-1));
        return Enum.IsDefined(dhcp);
    }

    public static bool IsUefi(LabFirmware firmware) => firmware is LabFirmware.Uefi or LabFirmware.UefiHttp or LabFirmware.Grub or LabFirmware.SecureBoot;

    public const string FirmwareChoices = "bios|uefi|uefi-http|grub|secureboot|pxelinux";
}
