using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Fleetboot.Core.Dhcp;
using Fleetboot.Dhcp;

namespace Fleetboot.Cli.Serve;

/// <summary>
/// Turns the DHCP settings into the server's options: the config file's <c>dhcpSubnets</c>, plus, with <c>--dhcp-range</c>,
/// one subnet on <c>--dhcp-interface</c>'s own network (named after the interface).
/// </summary>
internal static class DhcpSettings
{
    /// <exception cref="ConfigurationException">the settings do not describe a DHCP service that can run; subnet errors name the file line.</exception>
    public static DhcpOptions ToOptions(ServerSettings settings, int httpPort)
    {
        var mode = settings.Dhcp switch
        {
            "proxy" => DhcpMode.Proxy,
            "full" => DhcpMode.Full,
            _ => DhcpMode.Off,
        };
        var subnets = settings.DhcpSubnets.Select(s => s.Subnet).ToList();
        if (settings.DhcpRange is not null || (mode == DhcpMode.Full && subnets.Count == 0 && settings.DhcpInterface is not null)) subnets.Add(QuickSubnet(settings));
        var defaults = new DhcpOptions();
        var options = defaults with
        {
            Mode = mode,
            Interfaces = settings.DhcpInterface is { } name ? [name] : [],
            Subnets = subnets,
            ServerAddress = settings.DhcpServerAddress,
            HttpBaseUrl = settings.PublicUrl,
            HttpPort = httpPort,
            DeclineHold = settings.DhcpDeclineHold ?? defaults.DeclineHold,
            OfferHold = settings.DhcpOfferHold ?? defaults.OfferHold,
            ProbeAttempts = settings.DhcpProbeAttempts ?? defaults.ProbeAttempts,
            Loaders = defaults.Loaders with
            {
                BiosLoader = settings.DhcpBiosLoader ?? defaults.Loaders.BiosLoader,
                UefiLoader = settings.DhcpUefiLoader ?? defaults.Loaders.UefiLoader,
                Arm64UefiLoader = settings.DhcpArm64Loader ?? defaults.Loaders.Arm64UefiLoader,
                GrubLoader = settings.DhcpGrubLoader ?? defaults.Loaders.GrubLoader,
                ShimLoader = settings.DhcpShimLoader ?? defaults.Loaders.ShimLoader,
                PxelinuxLoader = settings.DhcpPxelinuxLoader ?? defaults.Loaders.PxelinuxLoader,
            },
        };
        var errors = DhcpOptionsValidator.Validate(options);
        if (errors.Count > 0) throw new ConfigurationException($"DHCP: {string.Join("; ", errors.Select(e => Locate(e, settings)))}");
        return options;
    }

    /// <summary>Puts the file line of the subnet an error names in front of it.</summary>
    private static string Locate(string error, ServerSettings settings)
    {
        foreach (var s in settings.DhcpSubnets)
        {
            if (error.StartsWith($"subnet '{s.Subnet.Name}':", StringComparison.Ordinal)) return $"{s.Origin}: {error}";
        }
        return error;
    }

    private static DhcpSubnetOptions QuickSubnet(ServerSettings settings)
    {
        if (settings.DhcpInterface is not { } name || settings.DhcpRange is not { } range)
            throw new ConfigurationException("--dhcp full needs --dhcp-interface IF and --dhcp-range FIRST-LAST (the pool on that interface's subnet), or dhcpSubnets in the config file");
        var address = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == name)?.GetIPProperties().UnicastAddresses
            .FirstOrDefault(a => a.Address.AddressFamily == AddressFamily.InterNetwork)
            ?? throw new ConfigurationException($"--dhcp-interface: {name} does not exist or has no IPv4 address; give it one (ip addr add 10.9.0.1/24 dev {name}) or pick another interface");
        var network = Ipv4.ToAddress(Ipv4.ToUInt32(address.Address) & Ipv4.Mask(address.PrefixLength));
        return new DhcpSubnetOptions
        {
            Name = name,
            Network = $"{network}/{address.PrefixLength}",
            Pools = [range],
            Router = settings.DhcpRouter,
            DnsServers = settings.DhcpDns?.Split(',').Select(d => d.Trim()).ToList() ?? [],
            Interface = name,
        };
    }
}
