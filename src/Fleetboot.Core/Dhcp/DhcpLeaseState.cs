namespace Fleetboot.Core.Dhcp;

public enum DhcpLeaseState
{
    Active = 0,
    Released = 1,
    /// <summary>The client said the address is in use (DHCPDECLINE); held back until <see cref="DhcpLease.Expires"/>.</summary>
    Declined = 2,
}
