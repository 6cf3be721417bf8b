namespace Fleetboot.Storage.Sqlite.Subnets;

/// <summary>The subnet fields stored as the <c>dhcp_subnets.doc</c> JSON column.</summary>
internal sealed record SubnetDocument(
    string Network,
    string? Interface,
    IReadOnlyList<string> Pools,
    string? Router,
    IReadOnlyList<string> DnsServers,
    string? DomainName,
    IReadOnlyList<string> DomainSearch,
    IReadOnlyList<string> NtpServers,
    int? Mtu,
    long LeaseTimeSeconds,
    IReadOnlyList<SubnetReservationDocument> Reservations,
    string? Probe = null,
    int? ProbeWaitMilliseconds = null);
