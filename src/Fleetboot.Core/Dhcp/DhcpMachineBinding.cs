using System.Net;

namespace Fleetboot.Core.Dhcp;

/// <summary>What the machine registry says about a MAC that DHCP needs.</summary>
/// <param name="MachineId">The registry's id, for events.</param>
/// <param name="StaticAddress">The machine's reserved IPv4 address, if any.</param>
/// <param name="LoaderOverride">The loader set on the machine, else on the profile it boots (see <see cref="BootLoaderChoice"/>), if any.</param>
public sealed record DhcpMachineBinding(string MachineId, IPAddress? StaticAddress, string? HostName, string? LoaderOverride);
