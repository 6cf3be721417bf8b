using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Fleetboot.Dhcp;

namespace Fleetboot.Cli.Serve;

/// <summary>Turns the DHCP settings into the server's options; full mode's one subnet is the interface's own.</summary>
internal static class DhcpSettings
{
    /// <exception cref="ConfigurationException">the settings do not describe a DHCP service that can run.</exception>
    public static DhcpOptions ToOptions(ServerSettings settings, int httpPort)
    {
        var mode = settings.Dhcp switch
        {
            "proxy" => DhcpMode.Proxy,
            "full" => DhcpMode.Full,
            _ => DhcpMode.Off,
        };
        var options = new DhcpOptions
        {
            Mode = mode,
            Interfaces = settings.DhcpInterface is { } name ? [name] : [],
            HttpBaseUrl = settings.PublicUrl,
            HttpPort = httpPort,
        };
        if (mode == DhcpMode.Full) options = options with { Subnets = [FullSubnet(settings)] };
        var errors = DhcpOptionsValidator.Validate(options);
        if (errors.Count > 0) throw new ConfigurationException($"DHCP: {string.Join("; ", errors)}");
        return options;
    }

    private static DhcpSubnetOptions FullSubnet(ServerSettings settings)
    {
        if (settings.DhcpInterface is not { } name || settings.DhcpRange is not { } range)
            throw new ConfigurationException("--dhcp full needs --dhcp-interface IF and --dhcp-range FIRST-LAST (the pool on that interface's subnet)");
        var address = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == name)?.GetIPProperties().UnicastAddresses
            .FirstOrDefault(a => a.Address.AddressFamily == AddressFamily.InterNetwork)
            ?? throw new ConfigurationException($"--dhcp-interface: {name} does not exist or has no IPv4 address; give it one (ip addr add 10.9.0.1/24 dev {name}) or pick another interface");
        var network = Network(address.Address, address.PrefixLength);
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

    private static IPAddress Network(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        uint value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        uint mask = prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);
        value &= mask;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }
}
