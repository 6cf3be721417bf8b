using System.Collections;

namespace Fleetboot.Cli.Serve;

/// <summary>Merges the settings: a flag beats a FLEETBOOT_* variable, which beats the YAML file, which beats the default.</summary>
internal static class SettingsLoader
{
    /// <param name="flags">Only the flags the user gave, by setting key.</param>
    /// <exception cref="ConfigurationException">a value is invalid; the message names its origin.</exception>
    public static ServerSettings Load(string? configFile, IDictionary environment, IReadOnlyDictionary<string, string> flags)
    {
        var sources = new List<SettingSource>();
        IReadOnlyList<ConfiguredSubnet> subnets = [];
        var file = configFile ?? environment["FLEETBOOT_CONFIG"] as string;
        if (!string.IsNullOrEmpty(file))
        {
            var (fromFile, subnetsFromFile) = YamlSettingsFile.Read(file);
            sources.AddRange(fromFile);
            subnets = subnetsFromFile;
        }
        foreach (var key in SettingKeys.All)
        {
            var name = SettingKeys.EnvironmentName(key);
            if (environment[name] is string value && value.Length > 0) sources.Add(new SettingSource(key, value, name));
        }
        sources.AddRange(flags.Select(f => new SettingSource(f.Key, f.Value, SettingKeys.FlagName(f.Key))));

        var settings = new ServerSettings { DhcpSubnets = subnets };
        foreach (var source in sources) settings = Apply(settings, source);
        return settings;
    }

    private static ServerSettings Apply(ServerSettings settings, SettingSource source)
    {
        var value = source.Value.Trim();
        ConfigurationException Invalid(string expected) => new($"{source.Origin}: '{source.Value}' is not valid for {source.Key}; expected {expected}");
        string Fail(string expected) => throw Invalid(expected);
        return source.Key switch
        {
            "data" => settings with { DataDirectory = value.Length > 0 ? value : Fail("a directory") },
            "http" => settings with { Http = EndpointText.TryParse(value, out _) ? value : Fail("ADDR:PORT, such as 0.0.0.0:8080") },
            "tftp" => settings with { Tftp = value == "off" || EndpointText.TryParse(value, out _) ? value : Fail("ADDR:PORT, such as 0.0.0.0:69, or off") },
            "dhcp" => settings with { Dhcp = value is "off" or "proxy" or "full" ? value : Fail("off, proxy or full") },
            "dhcpInterface" => settings with { DhcpInterface = value.Length > 0 ? value : Fail("an interface name such as eth1") },
            "dhcpRange" => settings with { DhcpRange = Core.Dhcp.DhcpAddressRange.TryParse(value, out _) ? value : Fail("FIRST-LAST, such as 10.9.0.100-10.9.0.200") },
            "dhcpRouter" => settings with { DhcpRouter = IsIPv4(value) ? value : Fail("an IPv4 address") },
            "dhcpDns" => settings with { DhcpDns = value.Split(',').All(d => IsIPv4(d.Trim())) ? value : Fail("IPv4 addresses separated by commas") },
            "dhcpServerAddress" => settings with { DhcpServerAddress = IsUnicastIPv4(value) ? value : Fail("a unicast IPv4 address of this server, such as 10.9.0.1") },
            "dhcpDeclineHold" => settings with
            {
                DhcpDeclineHold = DurationText.TryParse(value, out var hold) && hold >= MinimumDeclineHold && hold <= MaximumDeclineHold
                    ? hold
                    : throw Invalid("a duration from 10s to 30d, such as 600, 10m or 1h"),
            },
            "dhcpOfferHold" => settings with
            {
                DhcpOfferHold = DurationText.TryParse(value, out var offer) && offer >= MinimumOfferHold && offer <= MaximumOfferHold
                    ? offer
                    : throw Invalid("a duration from 5s to 1h, such as 30, 30s or 2m"),
            },
            "dhcpProbeAttempts" => settings with
            {
                DhcpProbeAttempts = int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var attempts)
                    && attempts is >= 1 and <= MaximumProbeAttempts
                    ? attempts
                    : throw Invalid($"a whole number from 1 to {MaximumProbeAttempts}"),
            },
            "dhcpBiosLoader" => settings with { DhcpBiosLoader = LoaderFile(value) ?? Fail(LoaderFileExpected) },
            "dhcpUefiLoader" => settings with { DhcpUefiLoader = LoaderFile(value) ?? Fail(LoaderFileExpected) },
            "dhcpArm64Loader" => settings with { DhcpArm64Loader = LoaderFile(value) ?? Fail(LoaderFileExpected) },
            "dhcpGrubLoader" => settings with { DhcpGrubLoader = LoaderFile(value) ?? Fail(LoaderFileExpected) },
            "dhcpShimLoader" => settings with { DhcpShimLoader = LoaderFile(value) ?? Fail(LoaderFileExpected) },
            "dhcpPxelinuxLoader" => settings with { DhcpPxelinuxLoader = LoaderFile(value) ?? Fail(LoaderFileExpected) },
            "publicUrl" => settings with
            {
                PublicUrl = Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? value.TrimEnd('/') : Fail("an http:// URL such as http://10.0.0.1:8080"),
            },
            "unknownMachine" => settings with { UnknownMachine = value is "exit" or "menu" ? value : Fail("exit or menu") },
            "discoveryProfile" => settings with { DiscoveryProfile = value.Length > 0 ? value : null },
            "macPrefix" => settings with { MacPrefix = Core.Machines.MacAllocator.IsValidPrefix(value) ? value.ToLowerInvariant() : Fail("1 to 5 octets such as 02:fb or bc:24:11, the first one even (not multicast)") },
            "logLevel" => settings with { LogLevel = value.ToLowerInvariant() is "trace" or "debug" or "information" or "warning" or "error" ? value.ToLowerInvariant() : Fail("trace, debug, information, warning or error") },
            _ => throw new ConfigurationException($"{source.Origin}: unknown setting '{source.Key}'"),
        };
    }

    private static readonly TimeSpan MinimumDeclineHold = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaximumDeclineHold = TimeSpan.FromDays(30);

    // An offer outlives the longest probe wait (5 s); a client that takes longer than an hour to REQUEST has moved on.
    private static readonly TimeSpan MinimumOfferHold = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaximumOfferHold = TimeSpan.FromHours(1);
    private const int MaximumProbeAttempts = 32;
    private const string LoaderFileExpected = "a file name under the TFTP root, such as snponly.efi or efi/ipxe.efi";

    private static bool IsIPv4(string text) =>
        System.Net.IPAddress.TryParse(text, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;

    private static bool IsUnicastIPv4(string text) =>
        Core.Dhcp.Ipv4.TryParse(text, out var ip) && !System.Net.IPAddress.IsLoopback(ip) && ip.GetAddressBytes()[0] is > 0 and < 224; // not 0.x, multicast or broadcast

    /// <summary>A firmware's default loader is a file (HTTP Boot clients get it under the HTTP base URL), never a loader kind or a URL.</summary>
    private static string? LoaderFile(string text) =>
        Core.Dhcp.BootLoaderChoice.TryNormalize(text, out var loader, out _) && !Core.Dhcp.BootLoaderChoice.Kinds.Contains(loader)
        && !Core.Dhcp.BootLoaderChoice.IsAbsoluteUrl(loader)
            ? loader
            : null;
}
