using System.Net;

namespace Fleetboot.Dhcp;

/// <summary>Where a request came from and where it arrived (from IP_PKTINFO and the receiving socket).</summary>
/// <param name="LocalAddress">The request's destination address (broadcast or one of ours).</param>
/// <param name="InterfaceAddress">The receiving interface's IPv4 address: the server identifier for replies.</param>
/// <param name="LocalPort">67, or 4011 for PXE boot server requests.</param>
internal readonly record struct DhcpRequestContext(
    IPEndPoint Source,
    IPAddress LocalAddress,
    string InterfaceName,
    IPAddress InterfaceAddress,
    int LocalPort);
