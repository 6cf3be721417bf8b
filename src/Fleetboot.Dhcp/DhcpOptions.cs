using Fleetboot.Core.Dhcp;

namespace Fleetboot.Dhcp;

/// <summary>DHCP configuration; immutable, validated by <see cref="DhcpOptionsValidator"/> before the server starts.</summary>
public sealed record DhcpOptions
{
    public DhcpMode Mode { get; init; } = DhcpMode.Off;

    /// <summary>Interfaces to serve (one socket each, bound to the device). Empty: every interface with an IPv4 address except loopback.</summary>
    public IReadOnlyList<string> Interfaces { get; init; } = [];

    public IReadOnlyList<DhcpSubnetOptions> Subnets { get; init; } = [];

    /// <summary>Server identifier and next-server. Empty: the receiving interface's own address (recommended with several interfaces).</summary>
    public string? ServerAddress { get; init; }

    /// <summary>Base of boot URLs (<c>http://10.9.0.1:8080</c>). Empty: <c>http://{server address}:{HttpPort}</c>.</summary>
    public string? HttpBaseUrl { get; init; }

    public int HttpPort { get; init; } = 8080;

    public BootLoaderOptions Loaders { get; init; } = new();

    public int ServerPort { get; init; } = 67;
    public int ClientPort { get; init; } = 68;
    public int ProxyPort { get; init; } = 4011;

    /// <summary>How long a declined address is held back.</summary>
    public TimeSpan DeclineHold { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an offered address is kept for the client before it may go to another.</summary>
    public TimeSpan OfferHold { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Subnets with a probe: how many addresses one DISCOVER may try before it goes unanswered (the client asks again).</summary>
    public int ProbeAttempts { get; init; } = 3;

    /// <summary>How often static reservations are re-read from the machine registry.</summary>
    public TimeSpan ReservationRefresh { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Full mode: how long to listen for other DHCP servers at start-up (each is logged as a warning). Servers that ping an address before offering it (dnsmasq, ISC) need about 3 s. Zero skips the check.</summary>
    public TimeSpan RivalProbe { get; init; } = TimeSpan.FromSeconds(4);
}
