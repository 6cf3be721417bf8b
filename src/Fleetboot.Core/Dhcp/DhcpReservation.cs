using System.Net;
using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Dhcp;

/// <summary>A static address for one MAC (from configuration or from a registered machine).</summary>
public sealed record DhcpReservation(MacAddress Mac, IPAddress Address, string? HostName = null);
