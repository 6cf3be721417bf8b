namespace Fleetboot.Contracts;

/// <summary>Body of <c>POST /api/v1/subnets</c> (name required) and <c>PUT /api/v1/subnets/{name}</c> (name from the path).</summary>
public sealed record SubnetRequest
{
    public string? Name { get; init; }

    /// <summary>CIDR such as <c>10.9.0.0/24</c>.</summary>
    public string? Network { get; init; }

    /// <summary>Serve this subnet to requests arriving on this interface; empty: the interface whose address is in the network (or relays).</summary>
    public string? Interface { get; init; }

    /// <summary>Ranges such as <c>10.9.0.100-10.9.0.200</c>.</summary>
    public IReadOnlyList<string> Pools { get; init; } = [];
    public string? Router { get; init; }
    public IReadOnlyList<string> DnsServers { get; init; } = [];
    public string? DomainName { get; init; }
    public IReadOnlyList<string> DomainSearch { get; init; } = [];
    public IReadOnlyList<string> NtpServers { get; init; } = [];
    public int? Mtu { get; init; }

    /// <summary>Null: 3600.</summary>
    public int? LeaseTimeSeconds { get; init; }

    /// <summary><c>icmp</c>: ping an address before offering it to a client that never held it; <c>arp</c>: ask for it by ARP on the client's link (relayed clients are pinged); null or <c>off</c>: no probe.</summary>
    public string? Probe { get; init; }

    /// <summary>How long the probe waits for an answer; null: 500.</summary>
    public int? ProbeWaitMilliseconds { get; init; }
    public IReadOnlyList<SubnetReservationDto> Reservations { get; init; } = [];
}
