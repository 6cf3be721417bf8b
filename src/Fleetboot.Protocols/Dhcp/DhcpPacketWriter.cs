using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Fleetboot.Protocols.Dhcp;

/// <summary>
/// Serialises <see cref="DhcpPacket"/>. Option 53 and 54 come first, then the options the client asked for in the
/// order of its option 55, then the rest in packet order, option 82 last. Values longer than 255 bytes are split into
/// consecutive instances (RFC 3396). Options that would push the message past the client's maximum size are left out,
/// least wanted first; 53, 54 and 82 are always kept.
/// </summary>
public static class DhcpPacketWriter
{
    /// <summary>RFC 2131: every client accepts 576-byte IP datagrams.</summary>
    public const int MinimumMaximumMessageSize = 576;

    /// <summary>IPv4 header (no options) plus UDP header.</summary>
    public const int IpUdpOverhead = 28;

    /// <summary>BOOTP relays and some ROMs expect at least a 300-byte message.</summary>
    public const int MinimumPacketLength = 300;

    /// <param name="parameterRequestList">The client's option 55, or empty.</param>
    /// <param name="maximumMessageSize">The client's option 57 (IP datagram size); values under 576 mean 576.</param>
    public static byte[] Write(DhcpPacket packet, ReadOnlySpan<byte> parameterRequestList = default, int maximumMessageSize = MinimumMaximumMessageSize)
    {
        int limit = Math.Max(maximumMessageSize, MinimumMaximumMessageSize) - IpUdpOverhead;
        var ordered = Order(packet.Options, parameterRequestList);

        // Drop the least wanted options (from the end of the order) until the message fits.
        int optionBytes = 0;
        foreach (var o in ordered) optionBytes += EncodedLength(o);
        int total = DhcpPacket.MinimumLength + optionBytes + 1;
        for (int i = ordered.Count - 1; i >= 0 && total > limit; i--)
        {
            if (ordered[i].Code is DhcpOptionCode.MessageType or DhcpOptionCode.ServerIdentifier or DhcpOptionCode.RelayAgentInformation) continue;
            total -= EncodedLength(ordered[i]);
            ordered.RemoveAt(i);
        }

        var buffer = new byte[Math.Max(total, MinimumPacketLength)];
        var span = buffer.AsSpan();
        span[0] = (byte)packet.Operation;
        span[1] = packet.HardwareType;
        span[2] = packet.HardwareLength;
        span[3] = packet.Hops;
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], packet.TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], packet.Seconds);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], packet.Flags);
        WriteAddress(span[12..], packet.ClientAddress);
        WriteAddress(span[16..], packet.YourAddress);
        WriteAddress(span[20..], packet.NextServerAddress);
        WriteAddress(span[24..], packet.GatewayAddress);
        var chaddr = packet.ClientHardwareAddress.Span;
        chaddr[..Math.Min(chaddr.Length, 16)].CopyTo(span.Slice(28, 16));
        WriteCString(span.Slice(44, 64), packet.ServerName);
        WriteCString(span.Slice(108, 128), packet.File);
        BinaryPrimitives.WriteUInt32BigEndian(span[236..], DhcpPacket.MagicCookie);

        int p = DhcpPacket.MinimumLength;
        foreach (var o in ordered)
        {
            var value = o.Value.Span;
            do
            {
                int chunk = Math.Min(255, value.Length);
                span[p++] = (byte)o.Code;
                span[p++] = (byte)chunk;
                value[..chunk].CopyTo(span[p..]);
                p += chunk;
                value = value[chunk..];
            }
            while (value.Length > 0);
        }
        span[p] = (byte)DhcpOptionCode.End;
        return buffer;
    }

    private static int EncodedLength(DhcpOption o)
    {
        int n = o.Value.Length;
        int instances = Math.Max(1, (n + 254) / 255);
        return n + 2 * instances;
    }

    private static List<DhcpOption> Order(IReadOnlyList<DhcpOption> options, ReadOnlySpan<byte> prl)
    {
        var result = new List<DhcpOption>(options.Count);
        var used = new bool[options.Count];
        void Take(DhcpOptionCode code)
        {
            for (int i = 0; i < options.Count; i++)
            {
                if (!used[i] && options[i].Code == code)
                {
                    used[i] = true;
                    result.Add(options[i]);
                }
            }
        }
        Take(DhcpOptionCode.MessageType);
        Take(DhcpOptionCode.ServerIdentifier);
        foreach (var code in prl)
        {
            if (code is (byte)DhcpOptionCode.Pad or (byte)DhcpOptionCode.End or (byte)DhcpOptionCode.RelayAgentInformation) continue;
            Take((DhcpOptionCode)code);
        }
        for (int i = 0; i < options.Count; i++)
        {
            if (!used[i] && options[i].Code is not (DhcpOptionCode.RelayAgentInformation or DhcpOptionCode.Pad or DhcpOptionCode.End))
            {
                used[i] = true;
                result.Add(options[i]);
            }
        }
        Take(DhcpOptionCode.RelayAgentInformation);
        return result;
    }

    private static void WriteAddress(Span<byte> destination, IPAddress address)
    {
        if (!address.TryWriteBytes(destination[..4], out int written) || written != 4)
            throw new ArgumentException($"{address} is not an IPv4 address", nameof(address));
    }

    private static void WriteCString(Span<byte> field, string text)
    {
        if (text.Length == 0) return;
        int n = Encoding.ASCII.GetByteCount(text);
        if (n >= field.Length) throw new ArgumentException($"'{text}' does not fit in a {field.Length}-byte field (NUL included)", nameof(text));
        Encoding.ASCII.GetBytes(text, field);
    }
}
