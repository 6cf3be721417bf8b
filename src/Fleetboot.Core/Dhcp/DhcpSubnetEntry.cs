namespace Fleetboot.Core.Dhcp;

/// <summary>One subnet of the effective set and where it is defined.</summary>
public sealed record DhcpSubnetEntry(DhcpSubnetOptions Subnet, DhcpSubnetSource Source);
