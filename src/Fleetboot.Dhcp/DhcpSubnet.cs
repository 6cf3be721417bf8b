using System.Net;
using Fleetboot.Core.Dhcp;

namespace Fleetboot.Dhcp;

/// <summary>A validated subnet with its parsed addresses.</summary>
internal sealed record DhcpSubnet(
    DhcpSubnetOptions Options,
    DhcpSubnetPlan Plan,
    IPAddress Mask,
    IPAddress Broadcast,
    IPAddress? Router,
    IReadOnlyList<IPAddress> DnsServers,
    IReadOnlyList<IPAddress> NtpServers)
{
    public string Name => Options.Name;
}
