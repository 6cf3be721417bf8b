using System.Globalization;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Subnets;

/// <summary>How subnets look in tables.</summary>
internal static class SubnetView
{
    public static void Show(CliOutput output, SubnetDto s) =>
        output.JsonOrFields(s, CliOutput.Json.SubnetDto, () =>
        [
            ("name", s.Name),
            ("source", s.Source),
            ("network", s.Network),
            ("interface", s.Interface),
            ("pools", string.Join(", ", s.Pools)),
            ("router", s.Router),
            ("dns", string.Join(", ", s.DnsServers)),
            ("domain", s.DomainName),
            ("search", string.Join(", ", s.DomainSearch)),
            ("ntp", string.Join(", ", s.NtpServers)),
            ("mtu", s.Mtu?.ToString(CultureInfo.InvariantCulture)),
            ("lease time", $"{s.LeaseTimeSeconds.ToString(CultureInfo.InvariantCulture)}s"),
            ("probe", s.Probe == "off" ? "off" : $"{s.Probe}, wait {s.ProbeWaitMilliseconds.ToString(CultureInfo.InvariantCulture)}ms"),
            ("reservations", string.Join(", ", s.Reservations.Select(r => r.Hostname is null ? $"{r.Mac}={r.Address}" : $"{r.Mac}={r.Address}={r.Hostname}"))),
        ]);

    public static void List(CliOutput output, IReadOnlyList<SubnetDto> subnets) =>
        output.JsonOrTable(subnets, CliOutput.Json.IReadOnlyListSubnetDto,
            ("NAME", s => s.Name),
            ("NETWORK", s => s.Network),
            ("POOLS", s => string.Join(",", s.Pools)),
            ("ROUTER", s => s.Router),
            ("INTERFACE", s => s.Interface),
            ("SOURCE", s => s.Source));
}
