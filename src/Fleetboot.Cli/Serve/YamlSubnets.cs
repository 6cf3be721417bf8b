using System.Globalization;
using System.Net;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Machines;
using YamlDotNet.RepresentationModel;

namespace Fleetboot.Cli.Serve;

/// <summary>Reads the config file's <c>dhcpSubnets</c>: a list of mappings with the same field names as the subnets API.</summary>
internal static class YamlSubnets
{
    public static readonly IReadOnlyList<string> Keys =
        ["name", "network", "interface", "pools", "router", "dnsServers", "domainName", "domainSearch", "ntpServers", "mtu", "leaseTime", "reservations", "probe", "probeWait"];

    public static IReadOnlyList<ConfiguredSubnet> Read(string path, YamlNode node)
    {
        if (node is not YamlSequenceNode list) throw new ConfigurationException($"{path} line {node.Start.Line}: dhcpSubnets needs a list of subnets (- name: …)");
        var result = new List<ConfiguredSubnet>();
        foreach (var item in list.Children)
        {
            var origin = $"{path} line {item.Start.Line}";
            if (item is not YamlMappingNode map) throw new ConfigurationException($"{origin}: each subnet is a mapping (name: lab, network: 10.9.0.0/24, …)");
            var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (k, v) in map.Children)
            {
                var key = (k as YamlScalarNode)?.Value ?? k.ToString();
                if (!Keys.Contains(key)) throw new ConfigurationException($"{path} line {k.Start.Line}: unknown subnet key '{key}'; known keys: {string.Join(", ", Keys)}");
                fields[key] = v;
            }
            var name = Scalar(path, fields, "name") ?? throw new ConfigurationException($"{origin}: a subnet needs a name");
            string Where(string key) => $"{path} line {fields[key].Start.Line}: subnet '{name}'";
            var subnet = new DhcpSubnetOptions
            {
                Name = name,
                Network = Scalar(path, fields, "network") ?? throw new ConfigurationException($"{origin}: subnet '{name}' needs a network (CIDR such as 10.9.0.0/24)"),
                Interface = Scalar(path, fields, "interface"),
                Pools = List(path, fields, "pools"),
                Router = Scalar(path, fields, "router"),
                DnsServers = List(path, fields, "dnsServers"),
                DomainName = Scalar(path, fields, "domainName"),
                DomainSearch = List(path, fields, "domainSearch"),
                NtpServers = List(path, fields, "ntpServers"),
                Mtu = Scalar(path, fields, "mtu") is { } mtu
                    ? int.TryParse(mtu, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : throw new ConfigurationException($"{Where("mtu")}: mtu '{mtu}' is not a number")
                    : null,
                LeaseTime = Scalar(path, fields, "leaseTime") is { } lt
                    ? DurationText.TryParse(lt, out var lease) ? lease : throw new ConfigurationException($"{Where("leaseTime")}: leaseTime '{lt}' is not a duration such as 3600, 90m or 12h")
                    : TimeSpan.FromHours(1),
                Reservations = fields.TryGetValue("reservations", out var r) ? Reservations(path, name, r) : [],
                Probe = Scalar(path, fields, "probe") is { } probe
                    ? DhcpAddressProbeText.TryParse(probe, out var mode) ? mode : throw new ConfigurationException($"{Where("probe")}: probe '{probe}' is not {DhcpAddressProbeText.Expected}")
                    : DhcpAddressProbe.Off,
                ProbeWait = Scalar(path, fields, "probeWait") is { } pw
                    ? DurationText.TryParse(pw, out var wait) ? wait : throw new ConfigurationException($"{Where("probeWait")}: probeWait '{pw}' is not a duration such as 500ms or 1s")
                    : DhcpSubnetOptions.DefaultProbeWait,
            };
            result.Add(new ConfiguredSubnet(subnet, origin));
        }
        return result;
    }

    private static List<DhcpReservation> Reservations(string path, string subnet, YamlNode node)
    {
        if (node is not YamlSequenceNode list) throw new ConfigurationException($"{path} line {node.Start.Line}: subnet '{subnet}': reservations needs a list (- mac: …, address: …)");
        var result = new List<DhcpReservation>();
        foreach (var item in list.Children)
        {
            var where = $"{path} line {item.Start.Line}: subnet '{subnet}'";
            if (item is not YamlMappingNode map) throw new ConfigurationException($"{where}: a reservation is a mapping with mac, address and optionally hostname");
            string? Get(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
            if (!MacAddress.TryParse(Get("mac"), out var mac)) throw new ConfigurationException($"{where}: reservation mac '{Get("mac")}' is not a MAC address");
            if (!Ipv4.TryParse(Get("address") ?? "", out IPAddress address)) throw new ConfigurationException($"{where}: reservation address '{Get("address")}' is not an IPv4 address");
            result.Add(new DhcpReservation(mac, address, Get("hostname")));
        }
        return result;
    }

    private static string? Scalar(string path, Dictionary<string, YamlNode> fields, string key)
    {
        if (!fields.TryGetValue(key, out var node)) return null;
        if (node is not YamlScalarNode scalar) throw new ConfigurationException($"{path} line {node.Start.Line}: subnet key '{key}' needs a plain value");
        return string.IsNullOrWhiteSpace(scalar.Value) ? null : scalar.Value.Trim();
    }

    private static List<string> List(string path, Dictionary<string, YamlNode> fields, string key)
    {
        if (!fields.TryGetValue(key, out var node)) return [];
        return node switch
        {
            YamlSequenceNode seq => [.. seq.Children.Select(c => (c as YamlScalarNode)?.Value?.Trim()
                ?? throw new ConfigurationException($"{path} line {c.Start.Line}: subnet key '{key}' lists plain values"))],
            YamlScalarNode scalar => [.. (scalar.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            _ => throw new ConfigurationException($"{path} line {node.Start.Line}: subnet key '{key}' needs a list"),
        };
    }
}
