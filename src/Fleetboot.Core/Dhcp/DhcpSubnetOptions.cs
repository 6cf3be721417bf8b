namespace Fleetboot.Core.Dhcp;

/// <summary>One subnet (VLAN) served in full mode, as configured (YAML, flags or the API). Addresses are text so every
/// source binds directly; <see cref="DhcpSubnetCompiler"/> parses and checks them.</summary>
public sealed record DhcpSubnetOptions
{
    public required string Name { get; init; }

    /// <summary>CIDR, e.g. <c>10.9.0.0/24</c>.</summary>
    public required string Network { get; init; }

    /// <summary>Ranges such as <c>10.9.0.100-10.9.0.200</c>.</summary>
    public IReadOnlyList<string> Pools { get; init; } = [];

    public string? Router { get; init; }
    public IReadOnlyList<string> DnsServers { get; init; } = [];
    public string? DomainName { get; init; }
    public IReadOnlyList<string> DomainSearch { get; init; } = [];
    public IReadOnlyList<string> NtpServers { get; init; } = [];
    public int? Mtu { get; init; }
    public TimeSpan LeaseTime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Static bindings from configuration (the registry adds its own through <see cref="IDhcpMachineDirectory"/>).</summary>
    public IReadOnlyList<DhcpReservation> Reservations { get; init; } = [];

    /// <summary>Serve this subnet to requests arriving on this interface (without a relay). Defaults to the interface whose address is inside the subnet.</summary>
    public string? Interface { get; init; }

    /// <summary>Before offering an address that has no lease history for the client: ping it, and skip it when it answers.</summary>
    public DhcpAddressProbe Probe { get; init; } = DhcpAddressProbe.Off;

    /// <summary>How long a probe waits for an answer (the OFFER is that much later); between 10 ms and 5 s.</summary>
    public TimeSpan ProbeWait { get; init; } = DefaultProbeWait;

    public static readonly TimeSpan DefaultProbeWait = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan MinimumProbeWait = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan MaximumProbeWait = TimeSpan.FromSeconds(5);
}
