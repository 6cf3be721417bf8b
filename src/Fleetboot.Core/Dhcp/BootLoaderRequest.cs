using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Dhcp;

/// <summary>What the DHCP request revealed about the client's firmware, plus the registry's loader override.</summary>
/// <param name="Architectures">Option 93 values in the client's order (empty when absent).</param>
/// <param name="VendorClass">Option 60.</param>
/// <param name="UserClasses">Option 77 entries.</param>
/// <param name="LoaderOverride">The machine's or its profile's loader (see <see cref="BootLoaderChoice"/>), or null.</param>
public sealed record BootLoaderRequest(
    MacAddress Mac,
    IReadOnlyList<ushort> Architectures,
    string? VendorClass,
    IReadOnlyList<string> UserClasses,
    string? LoaderOverride = null);
