using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Fleetboot.Protocols.Dhcp;

/// <summary>One DHCP option. After reading, several instances of one code are already concatenated (RFC 3396).</summary>
public readonly record struct DhcpOption(DhcpOptionCode Code, ReadOnlyMemory<byte> Value)
{
    public static DhcpOption FromByte(DhcpOptionCode code, byte value) => new(code, new[] { value });

    public static DhcpOption FromUInt16(DhcpOptionCode code, ushort value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        return new(code, b);
    }

    public static DhcpOption FromUInt32(DhcpOptionCode code, uint value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        return new(code, b);
    }

    public static DhcpOption FromAddress(DhcpOptionCode code, IPAddress address) => FromAddresses(code, [address]);

    public static DhcpOption FromAddresses(DhcpOptionCode code, IReadOnlyList<IPAddress> addresses)
    {
        var b = new byte[addresses.Count * 4];
        for (int i = 0; i < addresses.Count; i++)
        {
            if (!addresses[i].TryWriteBytes(b.AsSpan(i * 4), out int written) || written != 4)
                throw new ArgumentException($"{addresses[i]} is not an IPv4 address", nameof(addresses));
        }
        return new(code, b);
    }

    /// <summary>ASCII text without a terminating NUL.</summary>
    public static DhcpOption FromString(DhcpOptionCode code, string text) => new(code, Encoding.ASCII.GetBytes(text));

    /// <summary>ASCII text followed by one NUL, as PXE ROMs expect in option 67.</summary>
    public static DhcpOption FromNulTerminatedString(DhcpOptionCode code, string text)
    {
        var b = new byte[Encoding.ASCII.GetByteCount(text) + 1];
        Encoding.ASCII.GetBytes(text, b);
        return new(code, b);
    }

    /// <summary>Option 119 (RFC 3397): names in DNS wire format, without compression.</summary>
    public static DhcpOption FromDomainSearch(IReadOnlyList<string> domains)
    {
        var bytes = new List<byte>();
        foreach (var domain in domains)
        {
            foreach (var label in domain.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                var l = Encoding.ASCII.GetBytes(label);
                if (l.Length > 63) throw new ArgumentException($"label '{label}' is longer than 63 characters", nameof(domains));
                bytes.Add((byte)l.Length);
                bytes.AddRange(l);
            }
            bytes.Add(0);
        }
        return new(DhcpOptionCode.DomainSearch, bytes.ToArray());
    }
}
