namespace Fleetboot.Cli.Serve;

/// <summary>Everything <c>fleetboot serve</c> is configured with, after defaults, file, environment and flags are merged.</summary>
public sealed record ServerSettings
{
    public string DataDirectory { get; init; } = "./data";
    public string Http { get; init; } = "0.0.0.0:8080";
    public string Tftp { get; init; } = "0.0.0.0:69";
    public string Dhcp { get; init; } = "off";

    /// <summary>The interface DHCP serves (full mode: its subnet gets <see cref="DhcpRange"/>); empty: every non-loopback interface.</summary>
    public string? DhcpInterface { get; init; }

    /// <summary>Full mode's pool, <c>10.9.0.100-10.9.0.200</c>.</summary>
    public string? DhcpRange { get; init; }
    public string? DhcpRouter { get; init; }

    /// <summary>Comma-separated DNS servers handed out in full mode.</summary>
    public string? DhcpDns { get; init; }

    /// <summary>Server identifier and next-server in every reply; empty: the receiving interface's address.</summary>
    public string? DhcpServerAddress { get; init; }

    /// <summary>How long a declined address (or one that answered a probe) is held back; empty: the DHCP server's default.</summary>
    public TimeSpan? DhcpDeclineHold { get; init; }

    /// <summary>How long an offered address waits for its client's REQUEST before another client may get it; empty: the DHCP server's default.</summary>
    public TimeSpan? DhcpOfferHold { get; init; }

    /// <summary>How many probed addresses in a row may answer before a DISCOVER goes unanswered; empty: the DHCP server's default.</summary>
    public int? DhcpProbeAttempts { get; init; }

    /// <summary>The loader files each firmware gets by default (BIOS PXE, x86/x64 UEFI, arm64 UEFI); empty: iPXE's.</summary>
    public string? DhcpBiosLoader { get; init; }
    public string? DhcpUefiLoader { get; init; }
    public string? DhcpArm64Loader { get; init; }

    /// <summary>The files behind the loader kinds a machine or profile may choose (grub, shim, pxelinux); empty: Debian's names.</summary>
    public string? DhcpGrubLoader { get; init; }
    public string? DhcpShimLoader { get; init; }
    public string? DhcpPxelinuxLoader { get; init; }

    /// <summary>Full mode's subnets from the config file (<c>dhcpSubnets</c>); the quick flags add one more.</summary>
    public IReadOnlyList<ConfiguredSubnet> DhcpSubnets { get; init; } = [];

    /// <summary>The URL machines reach this server on; empty: taken from each request.</summary>
    public string? PublicUrl { get; init; }
    public string UnknownMachine { get; init; } = "exit";

    /// <summary>The profile discovered machines boot; empty: they get <see cref="UnknownMachine"/>.</summary>
    public string? DiscoveryProfile { get; init; }
    public string MacPrefix { get; init; } = "02:fb";
    public string LogLevel { get; init; } = "information";
}
