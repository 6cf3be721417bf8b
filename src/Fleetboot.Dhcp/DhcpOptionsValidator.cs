using System.Net;
using System.Net.Sockets;
using Fleetboot.Core.Dhcp;

namespace Fleetboot.Dhcp;

/// <summary>Checks <see cref="DhcpOptions"/>; every error names the subnet it concerns.</summary>
public static class DhcpOptionsValidator
{
    public static IReadOnlyList<string> Validate(DhcpOptions options)
    {
        Compile(options, out var errors);
        return errors;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> listing every problem.</summary>
    public static void ThrowIfInvalid(DhcpOptions options)
    {
        var errors = Validate(options);
        if (errors.Count > 0) throw new InvalidOperationException("invalid DHCP configuration: " + string.Join("; ", errors));
    }

    internal static IReadOnlyList<DhcpSubnet> Compile(DhcpOptions options, out List<string> errors)
    {
        errors = [];
        var result = new List<DhcpSubnet>();
        if (options.Mode == DhcpMode.Off) return result;
        if (options.Mode == DhcpMode.Full && options.Subnets.Count == 0) errors.Add("full mode needs at least one subnet");
        IPAddress? server = null;
        if (options.ServerAddress is { Length: > 0 } sa && !TryParseV4(sa, out server)) errors.Add($"server address '{sa}' is not an IPv4 address");
        if (options.HttpBaseUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps)))
            errors.Add($"HTTP base URL '{url}' is not an absolute http:// URL");
        if (options.QueueCapacity < 16) errors.Add("queue capacity must be at least 16");

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in options.Subnets)
        {
            var where = $"subnet '{s.Name}'";
            int before = errors.Count;
            if (string.IsNullOrWhiteSpace(s.Name)) errors.Add("a subnet has no name");
            else if (!names.Add(s.Name)) errors.Add($"{where}: the name is used twice");
            if (!TryParseCidr(s.Network, out var network, out int prefix))
            {
                errors.Add($"{where}: network '{s.Network}' is not IPv4 CIDR like 10.9.0.0/24");
                continue;
            }
            uint mask = Ipv4.Mask(prefix);
            uint net = Ipv4.ToUInt32(network) & mask;
            bool Inside(uint a) => (a & mask) == net;

            var pools = new List<DhcpAddressRange>();
            foreach (var p in s.Pools)
            {
                if (!DhcpAddressRange.TryParse(p, out var r)) { errors.Add($"{where}: pool '{p}' is not a range like 10.9.0.100-10.9.0.200"); continue; }
                if (!Inside(r!.First) || !Inside(r.Last)) errors.Add($"{where}: pool {r} is outside {s.Network}");
                foreach (var other in pools)
                {
                    if (other.Overlaps(r)) errors.Add($"{where}: pools {other} and {r} overlap");
                }
                pools.Add(r);
            }
            if (options.Mode == DhcpMode.Full && pools.Count == 0 && s.Reservations.Count == 0) errors.Add($"{where}: no pool and no reservation, nothing to hand out");

            IPAddress? router = null;
            if (s.Router is { Length: > 0 } rt)
            {
                if (!TryParseV4(rt, out router)) errors.Add($"{where}: router '{rt}' is not an IPv4 address");
                else if (!Inside(Ipv4.ToUInt32(router))) errors.Add($"{where}: router {router} is outside {s.Network}");
            }
            var dns = ParseList(s.DnsServers, "DNS server", where, errors);
            var ntp = ParseList(s.NtpServers, "NTP server", where, errors);
            if (s.Mtu is { } mtu && mtu is < 68 or > 65535) errors.Add($"{where}: MTU {mtu} is outside 68-65535");
            if (s.LeaseTime < TimeSpan.FromSeconds(60)) errors.Add($"{where}: lease time {s.LeaseTime} is shorter than 60 seconds");
            foreach (var d in s.DomainSearch)
            {
                if (d.Split('.', StringSplitOptions.RemoveEmptyEntries).Any(l => l.Length > 63)) errors.Add($"{where}: search domain '{d}' has a label over 63 characters");
            }

            var reservations = new Dictionary<Core.Machines.MacAddress, IPAddress>();
            foreach (var r in s.Reservations)
            {
                var a = Ipv4.ToUInt32(r.Address);
                if (!Inside(a)) errors.Add($"{where}: reservation {r.Mac} -> {r.Address} is outside {s.Network}");
                if (!reservations.TryAdd(r.Mac, r.Address)) errors.Add($"{where}: {r.Mac} is reserved twice");
            }

            var excluded = new List<IPAddress>();
            if (router is not null) excluded.Add(router);
            excluded.AddRange(dns);
            excluded.AddRange(ntp);
            if (server is not null)
            {
                excluded.Add(server);
                if (pools.Any(p => p.Contains(Ipv4.ToUInt32(server)))) errors.Add($"{where}: the server address {server} is inside a pool");
            }
            if (errors.Count != before) continue;
            var plan = new DhcpSubnetPlan(s.Name, Ipv4.ToAddress(net), prefix, pools, excluded, reservations);
            result.Add(new DhcpSubnet(s, plan, Ipv4.ToAddress(mask), Ipv4.ToAddress(net | ~mask), router, dns, ntp));
        }

        // Across subnets: pools never overlap; a reservation never sits in another subnet's pool.
        for (int i = 0; i < result.Count; i++)
        {
            for (int j = i + 1; j < result.Count; j++)
            {
                foreach (var p in result[i].Plan.Pools)
                {
                    foreach (var q in result[j].Plan.Pools)
                    {
                        if (p.Overlaps(q)) errors.Add($"subnet '{result[i].Name}': pool {p} overlaps pool {q} of subnet '{result[j].Name}'");
                    }
                }
            }
            foreach (var other in result)
            {
                if (ReferenceEquals(other, result[i])) continue;
                foreach (var r in result[i].Options.Reservations)
                {
                    if (other.Plan.InPool(Ipv4.ToUInt32(r.Address)))
                        errors.Add($"subnet '{result[i].Name}': reservation {r.Mac} -> {r.Address} is inside a pool of subnet '{other.Name}'");
                }
            }
        }
        return result;
    }

    /// <summary>At start-up, once interface addresses are known: none may sit in a pool.</summary>
    internal static IEnumerable<string> CheckServerAddresses(IReadOnlyList<DhcpSubnet> subnets, IEnumerable<(string Interface, IPAddress Address)> addresses)
    {
        foreach (var (name, address) in addresses)
        {
            foreach (var s in subnets)
            {
                if (s.Plan.InPool(Ipv4.ToUInt32(address)))
                    yield return $"subnet '{s.Name}': interface {name} address {address} (the server's own) is inside a pool";
            }
        }
    }

    private static List<IPAddress> ParseList(IReadOnlyList<string> items, string what, string where, List<string> errors)
    {
        var list = new List<IPAddress>();
        foreach (var x in items)
        {
            if (TryParseV4(x, out var a)) list.Add(a);
            else errors.Add($"{where}: {what} '{x}' is not an IPv4 address");
        }
        return list;
    }

    internal static bool TryParseV4(string text, out IPAddress address)
    {
        if (IPAddress.TryParse(text.Trim(), out var a) && a.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3)
        {
            address = a;
            return true;
        }
        address = IPAddress.None;
        return false;
    }

    internal static bool TryParseCidr(string text, out IPAddress network, out int prefix)
    {
        network = IPAddress.None;
        prefix = 0;
        var parts = text.Split('/', 2);
        return parts.Length == 2 && TryParseV4(parts[0], out network) && int.TryParse(parts[1], out prefix) && prefix is >= 8 and <= 30;
    }
}
