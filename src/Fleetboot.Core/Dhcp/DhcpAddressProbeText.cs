namespace Fleetboot.Core.Dhcp;

/// <summary><see cref="DhcpAddressProbe"/> as written in the config file, the API and storage: <c>icmp</c>, <c>arp</c> or <c>off</c>.</summary>
public static class DhcpAddressProbeText
{
    public const string Expected = "icmp, arp or off";

    public static bool TryParse(string? text, out DhcpAddressProbe probe)
    {
        probe = text?.Trim().ToLowerInvariant() switch
        {
            null or "" or "off" => DhcpAddressProbe.Off,
            "icmp" => DhcpAddressProbe.Icmp,
            "arp" => DhcpAddressProbe.Arp,
            _ => (DhcpAddressProbe)(-1),
        };
        return Enum.IsDefined(probe);
    }

    public static string ToText(DhcpAddressProbe probe) => probe switch
    {
        DhcpAddressProbe.Icmp => "icmp",
        DhcpAddressProbe.Arp => "arp",
        _ => "off",
    };
}
