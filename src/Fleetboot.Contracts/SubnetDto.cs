namespace Fleetboot.Contracts;

/// <summary>A DHCP subnet. <c>source</c> is <c>config</c> (the YAML file or the --dhcp-* flags; read-only here) or <c>api</c> (stored in the database).</summary>
public sealed record SubnetDto(
    string Name,
    string Source,
    string Network,
    string? Interface,
    IReadOnlyList<string> Pools,
    string? Router,
    IReadOnlyList<string> DnsServers,
    string? DomainName,
    IReadOnlyList<string> DomainSearch,
    IReadOnlyList<string> NtpServers,
    int? Mtu,
    int LeaseTimeSeconds,
    string Probe,
    int ProbeWaitMilliseconds,
    IReadOnlyList<SubnetReservationDto> Reservations);
