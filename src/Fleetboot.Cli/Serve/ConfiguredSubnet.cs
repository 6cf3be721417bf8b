using Fleetboot.Core.Dhcp;

namespace Fleetboot.Cli.Serve;

/// <summary>A subnet from the <c>dhcpSubnets</c> list of the config file, with where it was written (<c>file line N</c>).</summary>
public sealed record ConfiguredSubnet(DhcpSubnetOptions Subnet, string Origin);
