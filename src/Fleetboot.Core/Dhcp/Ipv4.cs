using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Fleetboot.Core.Dhcp;

/// <summary>IPv4 addresses as host-order integers, for range arithmetic.</summary>
public static class Ipv4
{
    public static uint ToUInt32(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork) throw new ArgumentException($"{address} is not an IPv4 address", nameof(address));
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    public static IPAddress ToAddress(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        return new IPAddress(b);
    }

    public static uint Mask(int prefixLength) => prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);

    /// <summary>Dotted-quad IPv4 only (no <c>10.1</c> shorthand, no IPv6).</summary>
    public static bool TryParse(string text, out IPAddress address)
    {
        if (IPAddress.TryParse(text.Trim(), out var a) && a.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3)
        {
            address = a;
            return true;
        }
        address = IPAddress.None;
        return false;
    }

    /// <summary>Parses <c>10.9.0.0/24</c> (prefix 8 to 30).</summary>
    public static bool TryParseCidr(string text, out IPAddress network, out int prefix)
    {
        network = IPAddress.None;
        prefix = 0;
        var parts = text.Split('/', 2);
        return parts.Length == 2 && TryParse(parts[0], out network) && int.TryParse(parts[1], out prefix) && prefix is >= 8 and <= 30;
    }
}
