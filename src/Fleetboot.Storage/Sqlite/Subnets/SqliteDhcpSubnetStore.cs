using System.Net;
using System.Text.Json;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Machines;

namespace Fleetboot.Storage.Sqlite.Subnets;

/// <summary>API-managed DHCP subnets in SQLite (table <c>dhcp_subnets</c>), by name.</summary>
internal sealed class SqliteDhcpSubnetStore(SqliteStorage storage, TimeProvider time) : IDhcpSubnetStore
{
    public Task<IReadOnlyList<DhcpSubnetOptions>> ListAsync(CancellationToken ct) =>
        storage.ReadAsync<IReadOnlyList<DhcpSubnetOptions>>(connection =>
        {
            using var command = connection.Command(null, "SELECT name, doc FROM dhcp_subnets ORDER BY name");
            using var reader = command.ExecuteReader();
            var subnets = new List<DhcpSubnetOptions>();
            while (reader.Read()) subnets.Add(Read(reader.GetString(0), reader.GetString(1)));
            return subnets;
        }, ct);

    public Task SaveAsync(DhcpSubnetOptions subnet, CancellationToken ct) =>
        storage.WriteAsync((connection, transaction) =>
        {
            using var upsert = connection.Command(transaction, """
                INSERT INTO dhcp_subnets (name, updated_at, doc) VALUES ($name, $updated_at, $doc)
                ON CONFLICT (name) DO UPDATE SET updated_at = excluded.updated_at, doc = excluded.doc
                """)
                .With("$name", subnet.Name)
                .With("$updated_at", SqliteTime.ToText(time.GetUtcNow()))
                .With("$doc", JsonSerializer.Serialize(ToDocument(subnet), SubnetJsonContext.Default.SubnetDocument));
            return upsert.ExecuteNonQuery();
        }, ct);

    public Task<bool> RemoveAsync(string name, CancellationToken ct) =>
        storage.WriteAsync((connection, transaction) =>
        {
            using var delete = connection.Command(transaction, "DELETE FROM dhcp_subnets WHERE name = $name").With("$name", name);
            return delete.ExecuteNonQuery() > 0;
        }, ct);

    private static SubnetDocument ToDocument(DhcpSubnetOptions s) => new(
        s.Network, s.Interface, s.Pools, s.Router, s.DnsServers, s.DomainName, s.DomainSearch, s.NtpServers, s.Mtu,
        (long)s.LeaseTime.TotalSeconds,
        [.. s.Reservations.Select(r => new SubnetReservationDocument(r.Mac.ToString(), r.Address.ToString(), r.HostName))],
        DhcpAddressProbeText.ToText(s.Probe), (int)s.ProbeWait.TotalMilliseconds);

    private static DhcpSubnetOptions Read(string name, string json)
    {
        var d = JsonSerializer.Deserialize(json, SubnetJsonContext.Default.SubnetDocument)
            ?? throw new InvalidDataException($"subnet {name} has an empty document");
        return new DhcpSubnetOptions
        {
            Name = name,
            Network = d.Network,
            Interface = d.Interface,
            Pools = d.Pools,
            Router = d.Router,
            DnsServers = d.DnsServers,
            DomainName = d.DomainName,
            DomainSearch = d.DomainSearch,
            NtpServers = d.NtpServers,
            Mtu = d.Mtu,
            LeaseTime = TimeSpan.FromSeconds(d.LeaseTimeSeconds),
            Reservations = [.. d.Reservations.Select(r => new DhcpReservation(MacAddress.Parse(r.Mac), IPAddress.Parse(r.Address), r.HostName))],
            Probe = DhcpAddressProbeText.TryParse(d.Probe, out var probe) ? probe : DhcpAddressProbe.Off, // documents from before the probe have none
            ProbeWait = d.ProbeWaitMilliseconds is { } wait ? TimeSpan.FromMilliseconds(wait) : DhcpSubnetOptions.DefaultProbeWait,
        };
    }
}
