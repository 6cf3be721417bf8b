using System.Net;

namespace Fleetboot.Dhcp;

/// <summary>A DHCP server that answered a probe DISCOVER.</summary>
/// <param name="ServerIdentifier">Option 54, or the reply's source address when absent.</param>
/// <param name="OfferedAddress">yiaddr (0.0.0.0 for a proxyDHCP server).</param>
/// <param name="BootFile">The file field or option 67, when set.</param>
public sealed record DhcpRivalServer(IPAddress ServerIdentifier, IPEndPoint Source, IPAddress OfferedAddress, string? BootFile);
