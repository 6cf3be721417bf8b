namespace Fleetboot.Cli.Lab;

/// <summary>
/// The lab's network: a namespace of its own holding a bridge with the server's address, and one tap
/// device per VM on that bridge. Nothing here touches the host's interfaces: every DHCP server of the lab
/// runs inside the namespace, on the bridge.
/// </summary>
/// <param name="Namespace">Network namespace name (<c>fblab</c> for the lab, a unique name per test).</param>
/// <param name="Bridge">Bridge inside the namespace.</param>
/// <param name="ServerAddress">The server's IPv4 address on the bridge.</param>
/// <param name="PrefixLength">The bridge subnet's prefix length.</param>
public sealed record LabNetwork(string Namespace, string Bridge, string ServerAddress, int PrefixLength)
{
    public static LabNetwork Default { get; } = new("fblab", "fbbr0", "10.77.0.1", 24);

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The first three octets, for DHCP ranges: <c>10.77.0</c>.</summary>
    public string SubnetPrefix => ServerAddress[..ServerAddress.LastIndexOf('.')];

    /// <summary>
    /// proxyDHCP: the namespace of the site's own DHCP server, another host on the bridge (two DHCP servers on one host
    /// cannot both bind port 67).
    /// </summary>
    public string SiteNamespace => Namespace + "-site";

    /// <summary>The site DHCP server's address on the bridge.</summary>
    public string SiteAddress => $"{SubnetPrefix}.2";

    /// <summary>The site host's end of its veth link (its other end, <c>fbsite0</c>, is a port of the bridge).</summary>
    public const string SiteInterface = "fbsite1";
    private const string SitePort = "fbsite0";

    public Task<bool> ExistsAsync(CancellationToken ct) => NamespaceExistsAsync(Namespace, ct);

    private static async Task<bool> NamespaceExistsAsync(string name, CancellationToken ct)
    {
        var list = await ProcessRunner.RunCheckedAsync("ip", ["netns", "list"], CommandTimeout, ct);
        return list.Split('\n').Any(l => l.Split(' ')[0] == name);
    }

    /// <summary>The site host: its own namespace with a veth link into the bridge and <see cref="SiteAddress"/>.</summary>
    public async Task AddSiteHostAsync(CancellationToken ct)
    {
        await ProcessRunner.RunCheckedAsync("ip", ["netns", "add", SiteNamespace], CommandTimeout, ct);
        await InNamespaceAsync(ct, "ip", "link", "add", SitePort, "type", "veth", "peer", "name", SiteInterface, "netns", SiteNamespace);
        await InNamespaceAsync(ct, "ip", "link", "set", SitePort, "master", Bridge);
        await InNamespaceAsync(ct, "ip", "link", "set", SitePort, "up");
        foreach (var command in new[] { new[] { "ip", "link", "set", "lo", "up" }, ["ip", "addr", "add", $"{SiteAddress}/{PrefixLength}", "dev", SiteInterface],
                     ["ip", "link", "set", SiteInterface, "up"] })
            await ProcessRunner.RunCheckedAsync("ip", ["netns", "exec", SiteNamespace, .. command], CommandTimeout, ct);
    }

    /// <summary>Creates the namespace, its loopback and the bridge with the server address. Fails if the namespace exists.</summary>
    public async Task CreateAsync(CancellationToken ct)
    {
        if (await ExistsAsync(ct))
            throw new LabException($"network namespace {Namespace} already exists; remove it first (fleetboot lab down, or ip netns delete {Namespace})");
        await ProcessRunner.RunCheckedAsync("ip", ["netns", "add", Namespace], CommandTimeout, ct);
        try
        {
            await InNamespaceAsync(ct, "ip", "link", "set", "lo", "up");
            await InNamespaceAsync(ct, "ip", "link", "add", Bridge, "type", "bridge");
            // No STP and no forward delay: a VM's first DHCP packets must not be lost while the port learns.
            await InNamespaceAsync(ct, "ip", "link", "set", Bridge, "type", "bridge", "stp_state", "0", "forward_delay", "0");
            await InNamespaceAsync(ct, "ip", "addr", "add", $"{ServerAddress}/{PrefixLength}", "dev", Bridge);
            await InNamespaceAsync(ct, "ip", "link", "set", Bridge, "up");
        }
        catch
        {
            await DeleteAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>A tap device on the bridge, for one VM (QEMU opens it by name from inside the namespace).</summary>
    public async Task AddTapAsync(string tap, CancellationToken ct)
    {
        await InNamespaceAsync(ct, "ip", "tuntap", "add", "dev", tap, "mode", "tap");
        await InNamespaceAsync(ct, "ip", "link", "set", tap, "master", Bridge);
        await InNamespaceAsync(ct, "ip", "link", "set", tap, "up");
    }

    public async Task RemoveTapAsync(string tap, CancellationToken ct)
    {
        if (!await ExistsAsync(ct)) return;
        await ProcessRunner.RunAsync("ip", ["netns", "exec", Namespace, "ip", "link", "delete", tap], CommandTimeout, ct);
    }

    /// <summary>The pids of every process inside the namespace and the site host's (all of them started by the lab).</summary>
    public async Task<IReadOnlyList<int>> PidsAsync(CancellationToken ct)
    {
        var pids = new List<int>();
        foreach (var name in new[] { Namespace, SiteNamespace })
        {
            if (!await NamespaceExistsAsync(name, ct)) continue;
            var result = await ProcessRunner.RunAsync("ip", ["netns", "pids", name], CommandTimeout, ct);
            pids.AddRange(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => int.TryParse(p, out var pid) ? pid : 0).Where(p => p > 0));
        }
        return pids;
    }

    /// <summary>Deletes the namespace and everything in it (bridge, taps), and the site host's. Idempotent.</summary>
    public async Task DeleteAsync(CancellationToken ct)
    {
        foreach (var name in new[] { SiteNamespace, Namespace })
        {
            if (!await NamespaceExistsAsync(name, ct)) continue;
            var result = await ProcessRunner.RunAsync("ip", ["netns", "delete", name], CommandTimeout, ct);
            if (!result.Succeeded && await NamespaceExistsAsync(name, ct))
                throw new LabException($"could not delete network namespace {name}: {result.StandardError.Trim()}");
        }
    }

    /// <summary>The command line prefix that runs a program inside the namespace.</summary>
    public IReadOnlyList<string> Exec(params string[] command) => ["ip", "netns", "exec", Namespace, .. command];

    /// <summary>The command line prefix that runs a program on the site host.</summary>
    public IReadOnlyList<string> ExecOnSite(params string[] command) => ["ip", "netns", "exec", SiteNamespace, .. command];

    /// <summary>Runs a command inside the namespace; it must succeed.</summary>
    public Task<string> InNamespaceAsync(CancellationToken ct, params string[] command) =>
        ProcessRunner.RunCheckedAsync("ip", ["netns", "exec", Namespace, .. command], CommandTimeout, ct);
}
