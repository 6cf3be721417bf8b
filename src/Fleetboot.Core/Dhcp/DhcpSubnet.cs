using System.Net;

namespace Fleetboot.Core.Dhcp;

/// <summary>A checked subnet with its parsed addresses (made by <see cref="DhcpSubnetCompiler"/>).</summary>
public sealed record DhcpSubnet(
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
