namespace Fleetboot.Dhcp;

public enum DhcpMode
{
    /// <summary>No DHCP at all (the default).</summary>
    Off = 0,
    /// <summary>proxyDHCP: answers PXE clients with boot information only, beside the site's DHCP server (ports 67 and 4011).</summary>
    Proxy = 1,
    /// <summary>Authoritative DHCP server for the configured subnets.</summary>
    Full = 2,
}
