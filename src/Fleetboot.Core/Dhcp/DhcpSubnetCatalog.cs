using System.Net;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Validation;

namespace Fleetboot.Core.Dhcp;

/// <summary>
/// The subnets DHCP serves: the configuration's (YAML file or quick flags; read-only here) plus those created through
/// the API (stored in the database). A configuration subnet hides a stored one of the same name. Every change is checked
/// against the whole set before it is stored, then the new set replaces the old one in one step and subscribers
/// (the running DHCP server) get it.
/// </summary>
public sealed class DhcpSubnetCatalog(IReadOnlyList<DhcpSubnetOptions> configured, IDhcpSubnetStore store) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<Action<IReadOnlyList<DhcpSubnetOptions>>> _subscribers = [];
    private volatile IReadOnlyList<DhcpSubnetEntry> _current = [.. configured.Select(s => new DhcpSubnetEntry(s, DhcpSubnetSource.Config))];
    private volatile IReadOnlyCollection<IPAddress> _serverAddresses = [];
    private volatile bool _loaded;

    /// <summary>The effective set, by name.</summary>
    public async Task<IReadOnlyList<DhcpSubnetEntry>> ListAsync(CancellationToken ct)
    {
        await EnsureLoadedAsync(ct);
        return _current;
    }

    public async Task<DhcpSubnetEntry?> GetAsync(string name, CancellationToken ct) =>
        (await ListAsync(ct)).FirstOrDefault(e => e.Subnet.Name == name);

    /// <summary>The server's own addresses (known once its sockets are bound): later changes may not put them in a pool.</summary>
    public void UseServerAddresses(IReadOnlyCollection<IPAddress> addresses) => _serverAddresses = addresses;

    /// <summary>Calls <paramref name="changed"/> with the new set after every change.</summary>
    public void Subscribe(Action<IReadOnlyList<DhcpSubnetOptions>> changed)
    {
        lock (_subscribers) _subscribers.Add(changed);
    }

    /// <exception cref="ValidationException">a field is invalid.</exception>
    /// <exception cref="DhcpSubnetConflictException">the name is taken or the subnet overlaps another.</exception>
    public async Task<DhcpSubnetEntry> CreateAsync(DhcpSubnetOptions subnet, CancellationToken ct) =>
        (await ChangeAsync(subnet.Name, current =>
        {
            if (current.Any(e => e.Subnet.Name == subnet.Name))
                throw new DhcpSubnetConflictException([new(subnet.Name, "name", $"a subnet named '{subnet.Name}' exists", IsConflict: true)]);
            return [.. current, new DhcpSubnetEntry(subnet, DhcpSubnetSource.Api)];
        }, () => store.SaveAsync(subnet, ct), ct))[^1];

    /// <returns>null when no subnet has this name.</returns>
    public async Task<DhcpSubnetEntry?> UpdateAsync(DhcpSubnetOptions subnet, CancellationToken ct)
    {
        if (await GetAsync(subnet.Name, ct) is null) return null;
        var entry = new DhcpSubnetEntry(subnet, DhcpSubnetSource.Api);
        await ChangeAsync(subnet.Name, current =>
        {
            ThrowIfConfigured(current, subnet.Name);
            return [.. current.Select(e => e.Subnet.Name == subnet.Name ? entry : e)];
        }, () => store.SaveAsync(subnet, ct), ct);
        return entry;
    }

    /// <returns>false when no subnet has this name.</returns>
    public async Task<bool> RemoveAsync(string name, CancellationToken ct)
    {
        if (await GetAsync(name, ct) is null) return false;
        await ChangeAsync(name, current =>
        {
            ThrowIfConfigured(current, name);
            return [.. current.Where(e => e.Subnet.Name != name)];
        }, () => store.RemoveAsync(name, ct), ct);
        return true;
    }

    private static void ThrowIfConfigured(IReadOnlyList<DhcpSubnetEntry> current, string name)
    {
        if (current.Any(e => e.Subnet.Name == name && e.Source == DhcpSubnetSource.Config))
            throw new DhcpSubnetConflictException([new(name, "name",
                $"subnet '{name}' is defined in the configuration file or by the --dhcp-* flags; change it there and restart", IsConflict: true)]);
    }

    private async Task<IReadOnlyList<DhcpSubnetEntry>> ChangeAsync(
        string name, Func<IReadOnlyList<DhcpSubnetEntry>, IReadOnlyList<DhcpSubnetEntry>> change, Func<Task> persist, CancellationToken ct)
    {
        await EnsureLoadedAsync(ct);
        await _gate.WaitAsync(ct);
        IReadOnlyList<DhcpSubnetEntry> next;
        try
        {
            next = change(_current);
            var subnets = next.Select(e => e.Subnet).ToList();
            DhcpSubnetCompiler.Compile(subnets, _serverAddresses, requireAddresses: true, out var errors);
            // Only what concerns the subnet being changed (the rest was valid before) decides; a clash may be reported on either side.
            var relevant = errors.Where(e => e.Subnet == name || e.Other == name).ToList();
            if (relevant.Any(e => !e.IsConflict)) throw new ValidationException([.. relevant.Where(e => !e.IsConflict).Select(e => new FieldError(e.Field, e.Message))]);
            if (relevant.Count > 0) throw new DhcpSubnetConflictException(relevant);
            await persist();
            _current = next;
        }
        finally
        {
            _gate.Release();
        }
        Publish(next);
        return next;
    }

    private void Publish(IReadOnlyList<DhcpSubnetEntry> set)
    {
        Action<IReadOnlyList<DhcpSubnetOptions>>[] subscribers;
        lock (_subscribers) subscribers = [.. _subscribers];
        var subnets = set.Select(e => e.Subnet).ToList();
        foreach (var s in subscribers) s(subnets);
    }

    /// <summary>Reads the stored subnets once; configuration subnets hide stored ones of the same name.</summary>
    public async Task<IReadOnlyList<DhcpSubnetOptions>> LoadAsync(CancellationToken ct)
    {
        await EnsureLoadedAsync(ct);
        return [.. _current.Select(e => e.Subnet)];
    }

    private async Task EnsureLoadedAsync(CancellationToken ct)
    {
        if (_loaded) return;
        await _gate.WaitAsync(ct);
        try
        {
            if (_loaded) return;
            var stored = await store.ListAsync(ct);
            var names = configured.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            _current = [.. _current, .. stored.Where(s => !names.Contains(s.Name)).OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => new DhcpSubnetEntry(s, DhcpSubnetSource.Api))];
            _loaded = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
