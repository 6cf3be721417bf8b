using System.Net;
using Fleetboot.Contracts;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Validation;

namespace Fleetboot.Http.Admin;

/// <summary>Subnet requests to Core's <see cref="DhcpSubnetOptions"/> and back. Shape errors name the field; the rest is Core's check.</summary>
internal static class SubnetMapping
{
    /// <exception cref="ValidationException">a field cannot be read.</exception>
    public static DhcpSubnetOptions ToOptions(this SubnetRequest r, string name)
    {
        var errors = new FieldErrors();
        errors.CheckId("name", name);
        if (string.IsNullOrWhiteSpace(r.Network)) errors.Add("network", "required: a CIDR such as 10.9.0.0/24");
        // JSON null (or an absent list, with source-generated deserialisation) reads as an empty list.
        IReadOnlyList<SubnetReservationDto> requested = r.Reservations ?? [];
        var reservations = new List<DhcpReservation>();
        for (int i = 0; i < requested.Count; i++)
        {
            var x = requested[i];
            bool macOk = MacAddress.TryParse(x.Mac, out var mac);
            if (!macOk) errors.Add($"reservations[{i}].mac", $"'{x.Mac}' is not a MAC address");
            if (errors.CheckIPv4($"reservations[{i}].address", x.Address ?? "", out var address) && macOk) reservations.Add(new DhcpReservation(mac, address!, x.Hostname));
        }
        if (!DhcpAddressProbeText.TryParse(r.Probe, out var probe)) errors.Add("probe", $"'{r.Probe}' is not {DhcpAddressProbeText.Expected}");
        errors.ThrowIfAny();
        return new DhcpSubnetOptions
        {
            Name = name,
            Network = r.Network!.Trim(),
            Interface = string.IsNullOrWhiteSpace(r.Interface) ? null : r.Interface.Trim(),
            Pools = r.Pools ?? [],
            Router = string.IsNullOrWhiteSpace(r.Router) ? null : r.Router.Trim(),
            DnsServers = r.DnsServers ?? [],
            DomainName = string.IsNullOrWhiteSpace(r.DomainName) ? null : r.DomainName.Trim(),
            DomainSearch = r.DomainSearch ?? [],
            NtpServers = r.NtpServers ?? [],
            Mtu = r.Mtu,
            LeaseTime = TimeSpan.FromSeconds(r.LeaseTimeSeconds ?? 3600),
            Reservations = reservations,
            Probe = probe,
            ProbeWait = r.ProbeWaitMilliseconds is { } wait ? TimeSpan.FromMilliseconds(wait) : DhcpSubnetOptions.DefaultProbeWait,
        };
    }

    public static SubnetDto ToDto(this DhcpSubnetEntry e)
    {
        var s = e.Subnet;
        return new SubnetDto(
            s.Name, e.Source.ToString().ToLowerInvariant(), s.Network, s.Interface, s.Pools, s.Router, s.DnsServers, s.DomainName, s.DomainSearch,
            s.NtpServers, s.Mtu, (int)s.LeaseTime.TotalSeconds, DhcpAddressProbeText.ToText(s.Probe), (int)s.ProbeWait.TotalMilliseconds,
            [.. s.Reservations.Select(r => new SubnetReservationDto(r.Mac.ToString(), r.Address.ToString(), r.HostName))]);
    }
}
