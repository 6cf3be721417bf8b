namespace Fleetboot.Core.Dhcp;

/// <summary>Whether a subnet checks that a fresh address is unused (nobody answers) before offering it.</summary>
public enum DhcpAddressProbe
{
    Off = 0,

    /// <summary>An ICMP echo request; an answer within the subnet's probe wait holds the address back like a DHCPDECLINE.</summary>
    Icmp = 1,

    /// <summary>An ARP request on the interface the client asked on, which finds hosts that drop pings; a relayed client's address is pinged instead.</summary>
    Arp = 2,
}
