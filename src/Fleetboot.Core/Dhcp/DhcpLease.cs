using System.Net;
using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Dhcp;

/// <summary>One address binding as stored. <see cref="ClientId"/> is option 61 in hex, or <c>01</c>+chaddr when the client sent none.</summary>
public sealed record DhcpLease(
    IPAddress Address,
    string ClientId,
    MacAddress Mac,
    string Subnet,
    DateTimeOffset Start,
    DateTimeOffset Expires,
    DhcpLeaseState State,
    string? HostName = null)
{
    public bool IsActiveAt(DateTimeOffset now) => State == DhcpLeaseState.Active && Expires > now;

    /// <summary>Active or declined and not yet expired: the address may not go to anybody else.</summary>
    public bool BlocksOthersAt(DateTimeOffset now) => State != DhcpLeaseState.Released && Expires > now;
}
