using System.Net;
using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Dhcp;

/// <summary>
/// Checks a set of subnets together and parses them: pools inside their subnet and apart from each other, subnets
/// apart, reservations inside their subnet and outside other subnets' pools, the server's addresses never in a pool.
/// Every error names the subnet and the field.
/// </summary>
public static class DhcpSubnetCompiler
{
    /// <param name="serverAddresses">The server's own addresses: never in a pool, never offered.</param>
    /// <param name="requireAddresses">Full mode: a subnet without pool and reservation is an error.</param>
    /// <returns>The subnets without errors of their own (the set as a whole is usable only when <paramref name="errors"/> is empty).</returns>
    public static IReadOnlyList<DhcpSubnet> Compile(
        IReadOnlyList<DhcpSubnetOptions> subnets, IReadOnlyCollection<IPAddress> serverAddresses, bool requireAddresses, out List<DhcpSubnetError> errors)
    {
        errors = [];
        var result = new List<DhcpSubnet>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in subnets)
        {
            int before = errors.Count;
            if (string.IsNullOrWhiteSpace(s.Name)) errors.Add(new("", "name", "a subnet has no name"));
            else if (!names.Add(s.Name)) errors.Add(new(s.Name, "name", "the name is used twice", IsConflict: true));
            if (Compile(s, serverAddresses, requireAddresses, errors) is { } subnet && errors.Count == before) result.Add(subnet);
        }
        CheckAcross(result, errors);
        return result;
    }

    private static DhcpSubnet? Compile(DhcpSubnetOptions s, IReadOnlyCollection<IPAddress> serverAddresses, bool requireAddresses, List<DhcpSubnetError> errors)
    {
        void Error(string field, string message) => errors.Add(new(s.Name, field, message));
        if (!Ipv4.TryParseCidr(s.Network, out var network, out int prefix))
        {
            Error("network", $"network '{s.Network}' is not IPv4 CIDR like 10.9.0.0/24");
            return null;
        }
        uint mask = Ipv4.Mask(prefix);
        uint net = Ipv4.ToUInt32(network) & mask;
        bool Inside(uint a) => (a & mask) == net;

        var pools = new List<DhcpAddressRange>();
        foreach (var p in s.Pools)
        {
            if (!DhcpAddressRange.TryParse(p, out var r)) { Error("pools", $"pool '{p}' is not a range like 10.9.0.100-10.9.0.200"); continue; }
            if (!Inside(r!.First) || !Inside(r.Last)) Error("pools", $"pool {r} is outside {s.Network}");
            foreach (var other in pools)
            {
                if (other.Overlaps(r)) Error("pools", $"pools {other} and {r} overlap");
            }
            pools.Add(r);
        }
        if (requireAddresses && pools.Count == 0 && s.Reservations.Count == 0) Error("pools", "no pool and no reservation, nothing to hand out");
        if (s.ProbeWait < DhcpSubnetOptions.MinimumProbeWait || s.ProbeWait > DhcpSubnetOptions.MaximumProbeWait)
            Error("probeWait", $"probe wait {s.ProbeWait.TotalMilliseconds} ms is outside {DhcpSubnetOptions.MinimumProbeWait.TotalMilliseconds}-{DhcpSubnetOptions.MaximumProbeWait.TotalMilliseconds} ms");

        IPAddress? router = null;
        if (s.Router is { Length: > 0 } rt)
        {
            if (!Ipv4.TryParse(rt, out router)) Error("router", $"router '{rt}' is not an IPv4 address");
            else if (!Inside(Ipv4.ToUInt32(router))) Error("router", $"router {router} is outside {s.Network}");
        }
        var dns = ParseList(s.DnsServers, "dnsServers", "DNS server", s.Name, errors);
        var ntp = ParseList(s.NtpServers, "ntpServers", "NTP server", s.Name, errors);
        if (s.Mtu is { } mtu && mtu is < 68 or > 65535) Error("mtu", $"MTU {mtu} is outside 68-65535");
        if (s.LeaseTime < TimeSpan.FromSeconds(60)) Error("leaseTime", $"lease time {s.LeaseTime} is shorter than 60 seconds");
        foreach (var d in s.DomainSearch)
        {
            if (d.Split('.', StringSplitOptions.RemoveEmptyEntries).Any(l => l.Length > 63)) Error("domainSearch", $"search domain '{d}' has a label over 63 characters");
        }

        var reservations = new Dictionary<MacAddress, IPAddress>();
        foreach (var r in s.Reservations)
        {
            if (!Inside(Ipv4.ToUInt32(r.Address))) Error("reservations", $"reservation {r.Mac} -> {r.Address} is outside {s.Network}");
            if (!reservations.TryAdd(r.Mac, r.Address)) Error("reservations", $"{r.Mac} is reserved twice");
        }

        var excluded = new List<IPAddress>();
        if (router is not null) excluded.Add(router);
        excluded.AddRange(dns);
        excluded.AddRange(ntp);
        foreach (var server in serverAddresses)
        {
            excluded.Add(server);
            if (pools.Any(p => p.Contains(Ipv4.ToUInt32(server)))) Error("pools", $"the server address {server} is inside a pool");
        }
        var plan = new DhcpSubnetPlan(s.Name, Ipv4.ToAddress(net), prefix, pools, excluded, reservations);
        return new DhcpSubnet(s, plan, Ipv4.ToAddress(mask), Ipv4.ToAddress(net | ~mask), router, dns, ntp);
    }

    /// <summary>Subnets never overlap (a giaddr or interface address picks one); a reservation never sits in another subnet's pool.</summary>
    private static void CheckAcross(List<DhcpSubnet> subnets, List<DhcpSubnetError> errors)
    {
        for (int i = 0; i < subnets.Count; i++)
        {
            var a = subnets[i];
            for (int j = i + 1; j < subnets.Count; j++)
            {
                var b = subnets[j];
                if (a.Plan.Contains(b.Plan.NetworkValue) || b.Plan.Contains(a.Plan.NetworkValue))
                    errors.Add(new(b.Name, "network", $"network {b.Options.Network} overlaps network {a.Options.Network} of subnet '{a.Name}'", IsConflict: true, Other: a.Name));
                foreach (var p in a.Plan.Pools)
                {
                    foreach (var q in b.Plan.Pools)
                    {
                        if (p.Overlaps(q)) errors.Add(new(b.Name, "pools", $"pool {q} overlaps pool {p} of subnet '{a.Name}'", IsConflict: true, Other: a.Name));
                    }
                }
            }
            foreach (var other in subnets)
            {
                if (ReferenceEquals(other, a)) continue;
                foreach (var r in a.Options.Reservations)
                {
                    if (other.Plan.InPool(Ipv4.ToUInt32(r.Address)))
                        errors.Add(new(a.Name, "reservations", $"reservation {r.Mac} -> {r.Address} is inside a pool of subnet '{other.Name}'", IsConflict: true, Other: other.Name));
                }
            }
        }
    }

    private static List<IPAddress> ParseList(IReadOnlyList<string> items, string field, string what, string subnet, List<DhcpSubnetError> errors)
    {
        var list = new List<IPAddress>();
        foreach (var x in items)
        {
            if (Ipv4.TryParse(x, out var a)) list.Add(a);
            else errors.Add(new(subnet, field, $"{what} '{x}' is not an IPv4 address"));
        }
        return list;
    }
}
