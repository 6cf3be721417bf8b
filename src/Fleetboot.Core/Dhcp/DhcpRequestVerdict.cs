namespace Fleetboot.Core.Dhcp;

/// <summary>Whether a client may have the address it asked for in a DHCPREQUEST.</summary>
public enum DhcpRequestVerdict
{
    Grant = 0,
    /// <summary>The address is not in this subnet: the client moved (NAK).</summary>
    WrongSubnet,
    /// <summary>Leased to another client, declined, reserved for another MAC or the server's own (NAK).</summary>
    Unavailable,
    /// <summary>In the subnet but outside every pool and not reserved for this client (NAK).</summary>
    NotAllocatable,
    /// <summary>INIT-REBOOT for an address we have no record of: stay silent (RFC 2131 4.3.2).</summary>
    Unknown,
}
