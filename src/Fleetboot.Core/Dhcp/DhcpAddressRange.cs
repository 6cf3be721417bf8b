using System.Net;

namespace Fleetboot.Core.Dhcp;

/// <summary>An inclusive range of IPv4 addresses (a pool).</summary>
public sealed record DhcpAddressRange(IPAddress Start, IPAddress End)
{
    public uint First => Ipv4.ToUInt32(Start);
    public uint Last => Ipv4.ToUInt32(End);

    public bool Contains(uint address) => address >= First && address <= Last;

    public bool Overlaps(DhcpAddressRange other) => First <= other.Last && other.First <= Last;

    /// <summary>Parses <c>10.9.0.100-10.9.0.200</c>.</summary>
    public static bool TryParse(string text, out DhcpAddressRange? range)
    {
        range = null;
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var a) || !IPAddress.TryParse(parts[1], out var b)) return false;
        if (a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || b.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return false;
        range = new DhcpAddressRange(a, b);
        return range.First <= range.Last;
    }

    public override string ToString() => $"{Start}-{End}";
}
