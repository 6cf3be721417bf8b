namespace Fleetboot.Cli.Serve;

/// <summary>The names of the settings in the YAML file, their FLEETBOOT_* variables and their flags.</summary>
internal static class SettingKeys
{
    public static readonly IReadOnlyList<string> All =
        ["data", "http", "tftp", "dhcp", "dhcpInterface", "dhcpRange", "dhcpRouter", "dhcpDns", "dhcpServerAddress", "dhcpDeclineHold",
         "dhcpOfferHold", "dhcpProbeAttempts",
         "dhcpBiosLoader", "dhcpUefiLoader", "dhcpArm64Loader", "dhcpGrubLoader", "dhcpShimLoader", "dhcpPxelinuxLoader",
         "publicUrl", "unknownMachine", "discoveryProfile", "macPrefix", "logLevel"];

    /// <summary><c>publicUrl</c> is <c>FLEETBOOT_PUBLIC_URL</c>.</summary>
    public static string EnvironmentName(string key) =>
        "FLEETBOOT_" + string.Concat(key.Select(c => char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    /// <summary><c>publicUrl</c> is <c>--public-url</c>.</summary>
    public static string FlagName(string key) =>
        "--" + string.Concat(key.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));
}
