using System.Net;

namespace Fleetboot.Core.Dhcp;

/// <summary>What the machine registry says about a MAC that DHCP needs.</summary>
/// <param name="MachineId">The registry's id, for events.</param>
/// <param name="StaticAddress">The machine's reserved IPv4 address, if any.</param>
/// <param name="LoaderOverride">Loader set on the machine or its profile (grubx64.efi, shimx64.efi, lpxelinux.0, URL), if any.</param>
public sealed record DhcpMachineBinding(string MachineId, IPAddress? StaticAddress, string? HostName, string? LoaderOverride);
