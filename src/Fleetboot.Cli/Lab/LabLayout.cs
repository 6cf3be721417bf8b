namespace Fleetboot.Cli.Lab;

/// <summary>Where the lab keeps its files: <c>.lab/</c> by default (git-ignored).</summary>
/// <param name="Root">The lab directory.</param>
/// <param name="Cache">Downloads and built installers; kept across <c>lab down</c> so that the next <c>up</c> is fast.</param>
public sealed record LabLayout(string Root, string Cache)
{
    public static LabLayout At(string root, string? cache = null)
    {
        var full = Path.GetFullPath(root);
        return new LabLayout(full, Path.GetFullPath(cache ?? Path.Combine(full, "cache")));
    }

    public string Data => Path.Combine(Root, "data");
    public string Run => Path.Combine(Root, "run");
    public string Vms => Path.Combine(Root, "vms");
    public string ServerLog => Path.Combine(Run, "fleetboot.log");
    public string ServerPid => Path.Combine(Run, "fleetboot.pid");
    public string DnsmasqLog => Path.Combine(Run, "dnsmasq.log");
    public string DnsmasqPid => Path.Combine(Run, "dnsmasq.pid");
    public string DnsmasqLeases => Path.Combine(Run, "dnsmasq.leases");
    public string Ipv6RouterLog => Path.Combine(Run, "ipv6-router.log");
    public string Ipv6RouterPid => Path.Combine(Run, "ipv6-router.pid");
    public string StateFile => Path.Combine(Run, "lab.json");
    public string VmDirectory(string name) => Path.Combine(Vms, name);
}
