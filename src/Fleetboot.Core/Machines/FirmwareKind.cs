namespace Fleetboot.Core.Machines;

public enum FirmwareKind
{
    Bios,
    Uefi,
}
