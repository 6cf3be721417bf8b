using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Dhcp;

/// <summary>A PXE/HTTP-boot/iPXE client seen on the wire that the registry did not know.</summary>
/// <param name="Architecture">Option 93's first value, or null.</param>
/// <param name="Firmware">bios, uefi, uefi-http or ipxe.</param>
/// <param name="Uuid">Option 97 (SMBIOS UUID), or null.</param>
/// <param name="VendorClass">Option 60 as sent.</param>
public sealed record DiscoveredNetbootClient(
    MacAddress Mac,
    ushort? Architecture,
    string Firmware,
    Guid? Uuid,
    string? VendorClass,
    IReadOnlyList<string> UserClasses,
    string Source,
    DateTimeOffset SeenAt);
