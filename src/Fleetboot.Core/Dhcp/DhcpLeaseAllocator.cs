using System.Net;
using Fleetboot.Core.Machines;

namespace Fleetboot.Core.Dhcp;

/// <summary>
/// Lease bookkeeping and address choice for full-mode DHCP. Pure: no I/O; the caller persists the leases it returns
/// and serialises calls (one instance is used from a single processing loop).
/// </summary>
/// <remarks>
/// Never hands out an address that is leased to (or offered to) another client, declined and still held back,
/// reserved for another MAC, excluded (the server's own, routers), the network or broadcast address.
/// Expired and released leases are reclaimed, never-used addresses first.
/// </remarks>
public sealed class DhcpLeaseAllocator
{
    private Dictionary<string, DhcpSubnetPlan> _subnets = [];
    private Dictionary<string, HashSet<uint>> _excluded = [];
    private readonly Dictionary<string, uint> _cursors = [];
    private readonly Dictionary<uint, DhcpLease> _byAddress = [];
    private readonly Dictionary<string, uint> _byClient = [];
    private readonly Dictionary<uint, (string ClientId, DateTimeOffset Until)> _offers = [];
    private Dictionary<uint, MacAddress> _reservedOwner = [];
    private Dictionary<MacAddress, uint> _reservedAddress = [];
    private IReadOnlyList<DhcpReservation> _registryReservations = [];
    private readonly TimeProvider _time;

    public DhcpLeaseAllocator(IEnumerable<DhcpSubnetPlan> subnets, TimeProvider time, TimeSpan declineHold, TimeSpan offerHold)
    {
        _time = time;
        DeclineHold = declineHold;
        OfferHold = offerHold;
        UpdateSubnets(subnets);
    }

    /// <summary>Replaces the subnets (a configuration change); leases, offers and registry reservations stay.</summary>
    public void UpdateSubnets(IEnumerable<DhcpSubnetPlan> subnets)
    {
        _subnets = subnets.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _excluded = _subnets.Values.ToDictionary(s => s.Name, s => s.Excluded.Select(Ipv4.ToUInt32).ToHashSet(), StringComparer.Ordinal);
        foreach (var s in _subnets.Keys) _cursors.TryAdd(s, 0);
        UpdateReservations(_registryReservations);
    }

    public TimeSpan DeclineHold { get; }
    public TimeSpan OfferHold { get; }

    public IReadOnlyCollection<DhcpLease> Leases => _byAddress.Values;

    /// <summary>Reservations from the machine registry; configuration reservations of each subnet are always included.</summary>
    public void UpdateReservations(IEnumerable<DhcpReservation> registry)
    {
        _registryReservations = registry as IReadOnlyList<DhcpReservation> ?? [.. registry];
        var owner = new Dictionary<uint, MacAddress>();
        var byMac = new Dictionary<MacAddress, uint>();
        foreach (var s in _subnets.Values)
        {
            foreach (var (mac, ip) in s.Reservations)
            {
                owner[Ipv4.ToUInt32(ip)] = mac;
                byMac[mac] = Ipv4.ToUInt32(ip);
            }
        }
        foreach (var r in registry)
        {
            var ip = Ipv4.ToUInt32(r.Address);
            if (owner.ContainsKey(ip) || byMac.ContainsKey(r.Mac)) continue; // configuration wins
            owner[ip] = r.Mac;
            byMac[r.Mac] = ip;
        }
        _reservedOwner = owner;
        _reservedAddress = byMac;
    }

    /// <summary>Restores leases read from storage (the newest record per address wins).</summary>
    public void Load(IEnumerable<DhcpLease> leases)
    {
        foreach (var l in leases)
        {
            var ip = Ipv4.ToUInt32(l.Address);
            if (_byAddress.TryGetValue(ip, out var existing) && existing.Start > l.Start) continue;
            _byAddress[ip] = l;
            if (l.State != DhcpLeaseState.Declined) _byClient[l.ClientId] = ip;
        }
    }

    public DhcpLease? FindByClient(string clientId) =>
        _byClient.TryGetValue(clientId, out var ip) && _byAddress.TryGetValue(ip, out var l) && l.ClientId == clientId ? l : null;

    /// <summary>Chooses an address for a DHCPDISCOVER and holds it for <see cref="OfferHold"/>; null when the subnet is full.</summary>
    public IPAddress? Offer(DhcpSubnetPlan subnet, string clientId, MacAddress mac, IPAddress? requested)
    {
        var now = _time.GetUtcNow();
        var ip = Choose(subnet, clientId, mac, requested, now);
        if (ip is not { } chosen) return null;
        _offers[chosen] = (clientId, now + OfferHold);
        return Ipv4.ToAddress(chosen);
    }

    private uint? Choose(DhcpSubnetPlan subnet, string clientId, MacAddress mac, IPAddress? requested, DateTimeOffset now)
    {
        // A reservation decides alone: the client gets its address or nothing.
        if (_reservedAddress.TryGetValue(mac, out var reserved) && subnet.Contains(reserved))
            return IsAvailable(subnet, reserved, clientId, mac, now) ? reserved : null;

        if (_byClient.TryGetValue(clientId, out var previous) && subnet.InPool(previous) && IsAvailable(subnet, previous, clientId, mac, now))
            return previous;
        foreach (var o in _offers)
        {
            if (o.Value.ClientId == clientId && o.Value.Until > now && subnet.InPool(o.Key) && IsAvailable(subnet, o.Key, clientId, mac, now))
                return o.Key;
        }

        if (requested is not null && subnet.Contains(requested))
        {
            var r = Ipv4.ToUInt32(requested);
            if (subnet.InPool(r) && IsAvailable(subnet, r, clientId, mac, now)) return r;
        }

        // First pass: never-leased addresses, round-robin from the subnet's cursor.
        uint cursor = _cursors[subnet.Name];
        foreach (var pool in subnet.Pools)
        {
            if (cursor > pool.Last) continue;
            for (uint a = Math.Max(cursor, pool.First); a <= pool.Last && a >= pool.First; a++)
            {
                if (!_byAddress.ContainsKey(a) && IsAvailable(subnet, a, clientId, mac, now))
                {
                    _cursors[subnet.Name] = a + 1;
                    return a;
                }
                if (a == uint.MaxValue) break;
            }
        }
        foreach (var pool in subnet.Pools)
        {
            for (uint a = pool.First; a <= pool.Last && a < cursor; a++)
            {
                if (!_byAddress.ContainsKey(a) && IsAvailable(subnet, a, clientId, mac, now))
                {
                    _cursors[subnet.Name] = a + 1;
                    return a;
                }
                if (a == uint.MaxValue) break;
            }
        }

        // Second pass: reclaim the address whose lease ended longest ago.
        uint? best = null;
        DateTimeOffset bestExpiry = DateTimeOffset.MaxValue;
        foreach (var (a, lease) in _byAddress)
        {
            if (!subnet.InPool(a) || lease.Expires >= bestExpiry) continue;
            if (IsAvailable(subnet, a, clientId, mac, now))
            {
                best = a;
                bestExpiry = lease.Expires;
            }
        }
        return best;
    }

    private bool IsAvailable(DhcpSubnetPlan subnet, uint a, string clientId, MacAddress mac, DateTimeOffset now)
    {
        if (!subnet.Contains(a) || a == subnet.NetworkValue || a == subnet.BroadcastValue) return false;
        if (_excluded[subnet.Name].Contains(a)) return false;
        if (_reservedOwner.TryGetValue(a, out var owner) && owner != mac) return false;
        if (_byAddress.TryGetValue(a, out var lease) && lease.BlocksOthersAt(now)
            && (lease.State == DhcpLeaseState.Declined || lease.ClientId != clientId)) return false;
        if (_offers.TryGetValue(a, out var offer) && offer.Until > now && offer.ClientId != clientId) return false;
        return true;
    }

    /// <summary>
    /// True when <paramref name="address"/> has no lease history for this client (nor a reservation for its MAC): an
    /// address it has never held, which a subnet with a probe checks before offering. Addresses a client held before,
    /// and reserved ones, are the operator's or the client's own and are offered without a probe.
    /// </summary>
    public bool IsFresh(string clientId, MacAddress mac, IPAddress address)
    {
        var a = Ipv4.ToUInt32(address);
        if (_reservedOwner.TryGetValue(a, out var owner) && owner == mac) return false;
        return !(_byAddress.TryGetValue(a, out var lease) && lease.ClientId == clientId && lease.State != DhcpLeaseState.Declined);
    }

    /// <summary>Decides a DHCPREQUEST for <paramref name="requested"/>.</summary>
    /// <param name="initReboot">INIT-REBOOT (no server identifier, no ciaddr): unknown addresses get silence, not a NAK.</param>
    public DhcpRequestVerdict Check(DhcpSubnetPlan subnet, string clientId, MacAddress mac, IPAddress requested, bool initReboot)
    {
        var now = _time.GetUtcNow();
        if (!subnet.Contains(requested)) return DhcpRequestVerdict.WrongSubnet;
        var a = Ipv4.ToUInt32(requested);
        if (_reservedAddress.TryGetValue(mac, out var reserved) && subnet.Contains(reserved) && reserved != a)
            return DhcpRequestVerdict.NotAllocatable; // the client must move to its reserved address
        bool mine = _reservedOwner.TryGetValue(a, out var owner) && owner == mac;
        if (!mine && !subnet.InPool(a)) return DhcpRequestVerdict.NotAllocatable;
        if (!IsAvailable(subnet, a, clientId, mac, now)) return DhcpRequestVerdict.Unavailable;
        if (initReboot && !mine && !(_byAddress.TryGetValue(a, out var l) && l.ClientId == clientId))
            return DhcpRequestVerdict.Unknown;
        return DhcpRequestVerdict.Grant;
    }

    /// <summary>Binds the address; returns every changed lease (a previous address of the client, released, and the new one last).</summary>
    public IReadOnlyList<DhcpLease> Commit(DhcpSubnetPlan subnet, string clientId, MacAddress mac, IPAddress address, TimeSpan leaseTime, string? hostName)
    {
        var now = _time.GetUtcNow();
        var a = Ipv4.ToUInt32(address);
        var changes = new List<DhcpLease>(2);
        if (_byClient.TryGetValue(clientId, out var previous) && previous != a
            && _byAddress.TryGetValue(previous, out var old) && old.ClientId == clientId && old.State == DhcpLeaseState.Active)
        {
            var released = old with { State = DhcpLeaseState.Released, Expires = now };
            _byAddress[previous] = released;
            changes.Add(released);
        }
        var start = _byAddress.TryGetValue(a, out var current) && current.ClientId == clientId && current.IsActiveAt(now) ? current.Start : now;
        var lease = new DhcpLease(address, clientId, mac, subnet.Name, start, now + leaseTime, DhcpLeaseState.Active, hostName);
        _byAddress[a] = lease;
        _byClient[clientId] = a;
        _offers.Remove(a);
        changes.Add(lease);
        return changes;
    }

    /// <summary>DHCPRELEASE: only the owner can release; returns the changed lease or null.</summary>
    public DhcpLease? Release(string clientId, IPAddress address)
    {
        var a = Ipv4.ToUInt32(address);
        if (!_byAddress.TryGetValue(a, out var lease) || lease.ClientId != clientId || lease.State != DhcpLeaseState.Active) return null;
        var released = lease with { State = DhcpLeaseState.Released, Expires = _time.GetUtcNow() };
        _byAddress[a] = released;
        return released;
    }

    /// <summary>DHCPDECLINE, or a probe answered for an offered address: the address is in use by someone unknown; hold it back for <see cref="DeclineHold"/>.</summary>
    public DhcpLease? Decline(DhcpSubnetPlan subnet, string clientId, MacAddress mac, IPAddress address)
    {
        if (!subnet.Contains(address)) return null;
        var a = Ipv4.ToUInt32(address);
        // Only the client the address was offered or leased to may decline it.
        bool ours = (_byAddress.TryGetValue(a, out var lease) && lease.ClientId == clientId)
            || (_offers.TryGetValue(a, out var offer) && offer.ClientId == clientId);
        if (!ours) return null;
        var now = _time.GetUtcNow();
        var declined = new DhcpLease(address, clientId, mac, subnet.Name, now, now + DeclineHold, DhcpLeaseState.Declined);
        _byAddress[a] = declined;
        _offers.Remove(a);
        if (_byClient.TryGetValue(clientId, out var c) && c == a) _byClient.Remove(clientId);
        return declined;
    }

    /// <summary>Drops offer holds that ran out; call now and then.</summary>
    public void PurgeExpiredOffers()
    {
        var now = _time.GetUtcNow();
        foreach (var k in _offers.Where(o => o.Value.Until <= now).Select(o => o.Key).ToList()) _offers.Remove(k);
    }
}
