using System.Net;

namespace Fleetboot.Dhcp;

/// <summary>An OFFER that leaves only when <paramref name="Address"/> stays silent for <paramref name="Wait"/>.</summary>
/// <param name="Attempt">1 for the first address probed for this DISCOVER, 2 for the next after the first answered, ….</param>
internal sealed record DhcpOfferProbe(IPAddress Address, TimeSpan Wait, int Attempt);
