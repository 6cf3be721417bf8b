using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;

namespace Fleetboot.Protocols.Dhcp;

/// <summary>A DHCPv4 message (RFC 2131). Options keep the order of their first appearance; repeated codes are concatenated (RFC 3396).</summary>
public sealed record DhcpPacket
{
    public const int HeaderLength = 236;
    public const int MinimumLength = 240;
    public const uint MagicCookie = 0x63825363;
    public const ushort BroadcastFlag = 0x8000;

    public DhcpOperation Operation { get; init; } = DhcpOperation.BootRequest;
    public byte HardwareType { get; init; } = 1;
    public byte HardwareLength { get; init; } = 6;
    public byte Hops { get; init; }
    public uint TransactionId { get; init; }
    public ushort Seconds { get; init; }
    public ushort Flags { get; init; }
    public IPAddress ClientAddress { get; init; } = IPAddress.Any;
    public IPAddress YourAddress { get; init; } = IPAddress.Any;
    public IPAddress NextServerAddress { get; init; } = IPAddress.Any;
    public IPAddress GatewayAddress { get; init; } = IPAddress.Any;

    /// <summary>The first <see cref="HardwareLength"/> bytes of chaddr.</summary>
    public ReadOnlyMemory<byte> ClientHardwareAddress { get; init; } = new byte[6];

    /// <summary>The sname field as text; empty when it carried options (overload).</summary>
    public string ServerName { get; init; } = "";

    /// <summary>The file field as text; empty when it carried options (overload).</summary>
    public string File { get; init; } = "";

    public IReadOnlyList<DhcpOption> Options { get; init; } = [];

    public bool IsBroadcast => (Flags & BroadcastFlag) != 0;

    public bool TryGetOption(DhcpOptionCode code, out ReadOnlyMemory<byte> value)
    {
        foreach (var o in Options)
        {
            if (o.Code == code)
            {
                value = o.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public DhcpMessageType? MessageType =>
        TryGetOption(DhcpOptionCode.MessageType, out var v) && v.Length == 1 ? (DhcpMessageType)v.Span[0] : null;

    public IPAddress? RequestedIpAddress => GetAddress(DhcpOptionCode.RequestedIpAddress);
    public IPAddress? ServerIdentifier => GetAddress(DhcpOptionCode.ServerIdentifier);
    public IPAddress? SubnetMask => GetAddress(DhcpOptionCode.SubnetMask);
    public IPAddress? BroadcastAddress => GetAddress(DhcpOptionCode.BroadcastAddress);
    public IReadOnlyList<IPAddress> Routers => GetAddresses(DhcpOptionCode.Router);
    public IReadOnlyList<IPAddress> DomainNameServers => GetAddresses(DhcpOptionCode.DomainNameServer);
    public IReadOnlyList<IPAddress> NtpServers => GetAddresses(DhcpOptionCode.NtpServers);

    public uint? LeaseTimeSeconds => GetUInt32(DhcpOptionCode.IpAddressLeaseTime);
    public uint? RenewalTimeSeconds => GetUInt32(DhcpOptionCode.RenewalTime);
    public uint? RebindingTimeSeconds => GetUInt32(DhcpOptionCode.RebindingTime);
    public ushort? MaximumMessageSize => GetUInt16(DhcpOptionCode.MaximumMessageSize);
    public ushort? InterfaceMtu => GetUInt16(DhcpOptionCode.InterfaceMtu);

    public ReadOnlyMemory<byte> ParameterRequestList =>
        TryGetOption(DhcpOptionCode.ParameterRequestList, out var v) ? v : ReadOnlyMemory<byte>.Empty;

    public string? VendorClassIdentifier => GetString(DhcpOptionCode.VendorClassIdentifier);
    public string? HostName => GetString(DhcpOptionCode.HostName);
    public string? DomainName => GetString(DhcpOptionCode.DomainName);
    public string? TftpServerName => GetString(DhcpOptionCode.TftpServerName);
    public string? BootFileName => GetString(DhcpOptionCode.BootFileName);

    public ReadOnlyMemory<byte>? ClientIdentifier => TryGetOption(DhcpOptionCode.ClientIdentifier, out var v) && v.Length > 0 ? (ReadOnlyMemory<byte>?)v : null;
    public ReadOnlyMemory<byte>? RelayAgentInformation => TryGetOption(DhcpOptionCode.RelayAgentInformation, out var v) ? (ReadOnlyMemory<byte>?)v : null;
    public ReadOnlyMemory<byte>? VendorSpecific => TryGetOption(DhcpOptionCode.VendorSpecific, out var v) ? (ReadOnlyMemory<byte>?)v : null;

    /// <summary>Option 77. iPXE sends a bare string ("iPXE"); RFC 3004 clients send length-prefixed classes. Both are accepted.</summary>
    public IReadOnlyList<string> UserClasses
    {
        get
        {
            if (!TryGetOption(DhcpOptionCode.UserClass, out var v) || v.Length == 0) return [];
            var s = v.Span;
            var list = new List<string>();
            int i = 0;
            while (i < s.Length)
            {
                int len = s[i];
                if (len == 0 || i + 1 + len > s.Length)
                {
                    list.Clear();
                    break;
                }
                list.Add(Encoding.ASCII.GetString(s.Slice(i + 1, len)));
                i += 1 + len;
            }
            if (list.Count > 0) return list;
            return [Encoding.ASCII.GetString(s).TrimEnd('\0')];
        }
    }

    /// <summary>Option 93 (RFC 4578): the client's architecture types, in the client's order.</summary>
    public IReadOnlyList<ushort> ClientSystemArchitectures
    {
        get
        {
            if (!TryGetOption(DhcpOptionCode.ClientSystemArchitecture, out var v) || v.Length < 2) return [];
            var s = v.Span;
            var list = new ushort[s.Length / 2];
            for (int i = 0; i < list.Length; i++) list[i] = BinaryPrimitives.ReadUInt16BigEndian(s[(i * 2)..]);
            return list;
        }
    }

    /// <summary>Option 94 (RFC 4578): interface type and UNDI major/minor version.</summary>
    public (byte Type, byte Major, byte Minor)? ClientNetworkInterface =>
        TryGetOption(DhcpOptionCode.ClientNetworkInterface, out var v) && v.Length == 3 ? (v.Span[0], v.Span[1], v.Span[2]) : null;

    /// <summary>Option 97 (RFC 4578): type 0 followed by a 16-byte UUID, read in the SMBIOS/PXE byte order.</summary>
    public Guid? ClientMachineIdentifier =>
        TryGetOption(DhcpOptionCode.ClientMachineIdentifier, out var v) && v.Length == 17 && v.Span[0] == 0
            ? new Guid(v.Span[1..])
            : null;

    /// <summary>Option 119 (RFC 3397) decoded; compression pointers are followed (bounded).</summary>
    public IReadOnlyList<string> DomainSearch =>
        TryGetOption(DhcpOptionCode.DomainSearch, out var v) ? DhcpDomainNames.Decode(v.Span) : [];

    private IPAddress? GetAddress(DhcpOptionCode code) =>
        TryGetOption(code, out var v) && v.Length == 4 ? new IPAddress(v.Span) : null;

    private IPAddress[] GetAddresses(DhcpOptionCode code)
    {
        if (!TryGetOption(code, out var v) || v.Length == 0 || v.Length % 4 != 0) return [];
        var list = new IPAddress[v.Length / 4];
        for (int i = 0; i < list.Length; i++) list[i] = new IPAddress(v.Span.Slice(i * 4, 4));
        return list;
    }

    private uint? GetUInt32(DhcpOptionCode code) =>
        TryGetOption(code, out var v) && v.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(v.Span) : null;

    private ushort? GetUInt16(DhcpOptionCode code) =>
        TryGetOption(code, out var v) && v.Length == 2 ? BinaryPrimitives.ReadUInt16BigEndian(v.Span) : null;

    private string? GetString(DhcpOptionCode code) =>
        TryGetOption(code, out var v) ? Encoding.ASCII.GetString(v.Span).TrimEnd('\0') : null;

    /// <summary>Parses a DHCP message. Never throws on any input.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, [NotNullWhen(true)] out DhcpPacket? packet, [NotNullWhen(false)] out string? error)
    {
        packet = null;
        if (data.Length < HeaderLength)
        {
            error = $"truncated: {data.Length} bytes, a BOOTP header needs {HeaderLength}";
            return false;
        }
        byte op = data[0];
        if (op is not (1 or 2))
        {
            error = $"bad op {op}";
            return false;
        }
        byte htype = data[1], hlen = data[2];
        if (htype != 1)
        {
            error = $"htype {htype} is not Ethernet";
            return false;
        }
        if (hlen != 6)
        {
            error = $"hlen {hlen} is not 6 for Ethernet";
            return false;
        }

        var options = new List<DhcpOption>();
        string sname = ReadCString(data.Slice(44, 64));
        string file = ReadCString(data.Slice(108, 128));
        if (data.Length >= MinimumLength && BinaryPrimitives.ReadUInt32BigEndian(data[236..]) == MagicCookie)
        {
            var collector = new OptionCollector();
            if (!collector.Parse(data[240..], "options", out error)) return false;
            byte overload = collector.TryGet(DhcpOptionCode.OptionOverload, out var ov) && ov.Count == 1 ? ov[0] : (byte)0;
            if ((overload & 1) != 0)
            {
                if (!collector.Parse(data.Slice(108, 128), "file", out error)) return false;
                file = "";
            }
            if ((overload & 2) != 0)
            {
                if (!collector.Parse(data.Slice(44, 64), "sname", out error)) return false;
                sname = "";
            }
            collector.CopyTo(options);
        }

        packet = new DhcpPacket
        {
            Operation = (DhcpOperation)op,
            HardwareType = htype,
            HardwareLength = hlen,
            Hops = data[3],
            TransactionId = BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            Seconds = BinaryPrimitives.ReadUInt16BigEndian(data[8..]),
            Flags = BinaryPrimitives.ReadUInt16BigEndian(data[10..]),
            ClientAddress = new IPAddress(data.Slice(12, 4)),
            YourAddress = new IPAddress(data.Slice(16, 4)),
            NextServerAddress = new IPAddress(data.Slice(20, 4)),
            GatewayAddress = new IPAddress(data.Slice(24, 4)),
            ClientHardwareAddress = data.Slice(28, hlen).ToArray(),
            ServerName = sname,
            File = file,
            Options = options,
        };
        error = null;
        return true;
    }

    private static string ReadCString(ReadOnlySpan<byte> field)
    {
        int end = field.IndexOf((byte)0);
        if (end < 0) end = field.Length;
        var s = field[..end];
        foreach (var b in s)
        {
            if (b is < 0x20 or > 0x7e) return "";
        }
        return Encoding.ASCII.GetString(s);
    }

    /// <summary>Gathers option instances from the options, file and sname areas, concatenating repeats (RFC 3396).</summary>
    private sealed class OptionCollector
    {
        private readonly List<(DhcpOptionCode Code, List<byte> Data)> _items = [];

        public bool TryGet(DhcpOptionCode code, out List<byte> data)
        {
            foreach (var item in _items)
            {
                if (item.Code == code)
                {
                    data = item.Data;
                    return true;
                }
            }
            data = [];
            return false;
        }

        public bool Parse(ReadOnlySpan<byte> area, string where, [NotNullWhen(false)] out string? error)
        {
            int i = 0;
            while (i < area.Length)
            {
                byte code = area[i];
                if (code == (byte)DhcpOptionCode.Pad)
                {
                    i++;
                    continue;
                }
                if (code == (byte)DhcpOptionCode.End) break;
                if (i + 1 >= area.Length)
                {
                    error = $"option {code} in {where} has no length byte";
                    return false;
                }
                int len = area[i + 1];
                if (i + 2 + len > area.Length)
                {
                    error = $"option {code} in {where} claims {len} bytes but only {area.Length - i - 2} remain";
                    return false;
                }
                var value = area.Slice(i + 2, len);
                if (TryGet((DhcpOptionCode)code, out var existing)) existing.AddRange(value);
                else _items.Add(((DhcpOptionCode)code, [.. value]));
                i += 2 + len;
            }
            error = null;
            return true;
        }

        public void CopyTo(List<DhcpOption> options)
        {
            foreach (var (code, data) in _items) options.Add(new DhcpOption(code, data.ToArray()));
        }
    }
}
