using System.Net;
using Fleetboot.Core.Dhcp;

namespace Fleetboot.Dhcp;

/// <summary>An OFFER that leaves only when <paramref name="Address"/> stays silent for <paramref name="Wait"/>.</summary>
/// <param name="Method">ICMP or ARP; ARP asks on <paramref name="InterfaceName"/>, where the client is.</param>
/// <param name="Attempt">1 for the first address probed for this DISCOVER, 2 for the next after the first answered, ….</param>
internal sealed record DhcpOfferProbe(IPAddress Address, DhcpAddressProbe Method, string InterfaceName, TimeSpan Wait, int Attempt)
{
    /// <summary>How the log and the timeline name the question the address answered.</summary>
    public string Question => Method == DhcpAddressProbe.Arp ? "an ARP request" : "a ping";
}
