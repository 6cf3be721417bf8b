namespace Fleetboot.Core.Dhcp;

/// <summary>Where a subnet is defined: configuration subnets are read-only through the API.</summary>
public enum DhcpSubnetSource
{
    /// <summary>The YAML file or the <c>--dhcp-*</c> quick flags.</summary>
    Config = 0,

    /// <summary>Created through the API; stored in the database.</summary>
    Api = 1,
}
