using System.Net;
using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Dhcp;

/// <summary>The address side of one subnet: what the allocator may hand out.</summary>
/// <param name="Excluded">Addresses never offered (the server's own, routers, DNS servers on the subnet).</param>
/// <param name="Reservations">Static MAC-to-address bindings from configuration.</param>
public sealed record DhcpSubnetPlan(
    string Name,
    IPAddress Network,
    int PrefixLength,
    IReadOnlyList<DhcpAddressRange> Pools,
    IReadOnlyCollection<IPAddress> Excluded,
    IReadOnlyDictionary<MacAddress, IPAddress> Reservations)
{
    public uint NetworkValue => Ipv4.ToUInt32(Network) & Ipv4.Mask(PrefixLength);
    public uint BroadcastValue => NetworkValue | ~Ipv4.Mask(PrefixLength);

    public bool Contains(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && Contains(Ipv4.ToUInt32(address));

    public bool Contains(uint address) => (address & Ipv4.Mask(PrefixLength)) == NetworkValue;

    public bool InPool(uint address)
    {
        foreach (var p in Pools)
        {
            if (p.Contains(address)) return true;
        }
        return false;
    }
}
