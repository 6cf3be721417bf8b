namespace Fleetboot.Core.Dhcp;

/// <summary><see cref="DhcpAddressProbe"/> as written in the config file, the API and storage: <c>icmp</c> or <c>off</c>.</summary>
public static class DhcpAddressProbeText
{
    public static bool TryParse(string? text, out DhcpAddressProbe probe)
    {
        probe = text?.Trim().ToLowerInvariant() switch
        {
            null or "" or "off" => DhcpAddressProbe.Off,
            "icmp" => DhcpAddressProbe.Icmp,
            _ => (DhcpAddressProbe)(-1),
        };
        return Enum.IsDefined(probe);
    }

    public static string ToText(DhcpAddressProbe probe) => probe == DhcpAddressProbe.Icmp ? "icmp" : "off";
}
