using System.CommandLine;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Subnets;

/// <summary>The subnet fields shared by <c>subnets add</c> and <c>subnets update</c>; a list option given replaces the whole list.</summary>
internal sealed class SubnetOptions
{
    public Option<string?> Network { get; } = new("--network") { Description = "the subnet, CIDR such as 10.9.0.0/24", HelpName = "CIDR" };
    public Option<string[]> Pools { get; } = new("--pool") { Description = "address range FIRST-LAST (repeatable)", HelpName = "RANGE" };
    public Option<string?> Router { get; } = new("--router") { Description = "default gateway handed out", HelpName = "IP" };
    public Option<string[]> Dns { get; } = new("--dns") { Description = "DNS server (repeatable)", HelpName = "IP" };
    public Option<string?> Domain { get; } = new("--domain") { Description = "domain name (option 15)", HelpName = "NAME" };
    public Option<string[]> Search { get; } = new("--search") { Description = "domain search entry (repeatable)", HelpName = "NAME" };
    public Option<string[]> Ntp { get; } = new("--ntp") { Description = "NTP server (repeatable)", HelpName = "IP" };
    public Option<int?> Mtu { get; } = new("--mtu") { Description = "interface MTU handed out", HelpName = "BYTES" };
    public Option<int?> LeaseTime { get; } = new("--lease-time") { Description = "lease time in seconds (default 3600)", HelpName = "SECONDS" };
    public Option<string?> Interface { get; } = new("--interface") { Description = "serve requests arriving on this interface", HelpName = "IF" };
    public Option<string?> Probe { get; } = new("--probe") { Description = "icmp: ping a fresh address before offering it; arp: ask for it by ARP on the client's link; off (default)", HelpName = "icmp|arp|off" };
    public Option<int?> ProbeWait { get; } = new("--probe-wait") { Description = "how long the probe waits for an answer (default 500)", HelpName = "MS" };
    public Option<string[]> Reservations { get; } = new("--reserve") { Description = "static address MAC=IP or MAC=IP=HOSTNAME (repeatable)", HelpName = "MAC=IP" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Network, Pools, Router, Dns, Domain, Search, Ntp, Mtu, LeaseTime, Interface, Probe, ProbeWait, Reservations })
            command.Options.Add(option);
    }

    /// <summary><paramref name="current"/> with what the command line gives on top.</summary>
    public SubnetRequest Apply(ParseResult parse, SubnetRequest current)
    {
        IReadOnlyList<string> ListOr(Option<string[]> option, IReadOnlyList<string> fallback) =>
            parse.GetResult(option) is null ? fallback : [.. (parse.GetValue(option) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        return current with
        {
            Network = parse.GetValue(Network) ?? current.Network,
            Pools = ListOr(Pools, current.Pools),
            Router = parse.GetValue(Router) ?? current.Router,
            DnsServers = ListOr(Dns, current.DnsServers),
            DomainName = parse.GetValue(Domain) ?? current.DomainName,
            DomainSearch = ListOr(Search, current.DomainSearch),
            NtpServers = ListOr(Ntp, current.NtpServers),
            Mtu = parse.GetValue(Mtu) ?? current.Mtu,
            LeaseTimeSeconds = parse.GetValue(LeaseTime) ?? current.LeaseTimeSeconds,
            Interface = parse.GetValue(Interface) ?? current.Interface,
            Probe = parse.GetValue(Probe) ?? current.Probe,
            ProbeWaitMilliseconds = parse.GetValue(ProbeWait) ?? current.ProbeWaitMilliseconds,
            Reservations = parse.GetResult(Reservations) is null ? current.Reservations : [.. (parse.GetValue(Reservations) ?? []).Select(Reservation)],
        };
    }

    private static SubnetReservationDto Reservation(string text)
    {
        var parts = text.Split('=', 3, StringSplitOptions.TrimEntries);
        if (parts.Length < 2) throw new CliException($"--reserve: '{text}' is not MAC=IP or MAC=IP=HOSTNAME", ExitCodes.Usage);
        return new SubnetReservationDto(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
    }
}
