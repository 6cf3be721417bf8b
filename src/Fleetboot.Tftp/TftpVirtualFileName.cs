using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Fleetboot.Core.Machines;

namespace Fleetboot.Tftp;

/// <summary>
/// A recognised per-machine file name and what it reveals: the MAC (<c>01-aa-bb-..</c> forms), the full IPv4
/// address, or the hex prefix of one (PXELINUX and GRUB try <c>C0A80A05</c>, <c>C0A80A0</c>, ... <c>C</c>).
/// </summary>
/// <param name="Path">The normalised path as requested (forward slashes, no leading slash).</param>
public sealed record TftpVirtualFileName(string Path, TftpVirtualFileKind Kind, MacAddress? Mac, IPAddress? IpAddress, string? IpPrefixHex)
{
    private const string PxelinuxDir = "pxelinux.cfg/";
    private const string GrubConfig = "grub/grub.cfg";

    /// <summary>Recognises a normalised path (see <see cref="TftpPath"/>); false for every other name.</summary>
    public static bool TryParse(string? path, [NotNullWhen(true)] out TftpVirtualFileName? name)
    {
        name = null;
        if (string.IsNullOrEmpty(path)) return false;

        if (path == "boot.ipxe") return Make(path, TftpVirtualFileKind.IpxeBoot, out name);
        if (path == "autoexec.ipxe") return Make(path, TftpVirtualFileKind.IpxeAutoexec, out name);
        if (path == GrubConfig) return Make(path, TftpVirtualFileKind.GrubDefault, out name);

        if (path.StartsWith(PxelinuxDir, StringComparison.Ordinal))
        {
            var leaf = path[PxelinuxDir.Length..];
            if (leaf == "default") return Make(path, TftpVirtualFileKind.PxelinuxDefault, out name);
            if (TryParseArpMac(leaf, out var mac)) return Make(path, TftpVirtualFileKind.PxelinuxMac, out name, mac);
            if (TryParseHexPrefix(leaf, out var ip)) return Make(path, TftpVirtualFileKind.PxelinuxIpPrefix, out name, null, ip, leaf.ToUpperInvariant());
            return false;
        }

        if (path.StartsWith(GrubConfig + "-", StringComparison.Ordinal))
        {
            var suffix = path[(GrubConfig.Length + 1)..];
            if (TryParseArpMac(suffix, out var mac)) return Make(path, TftpVirtualFileKind.GrubMac, out name, mac);
            if (suffix.Contains('.', StringComparison.Ordinal) || suffix.Contains(':', StringComparison.Ordinal))
            {
                if (IPAddress.TryParse(suffix, out var ip) && ip.ToString() == suffix)
                    return Make(path, TftpVirtualFileKind.GrubIp, out name, null, ip, ip.AddressFamily == AddressFamily.InterNetwork ? ToHex(ip) : null);
                return false;
            }
            if (TryParseHexPrefix(suffix, out var hexIp)) return Make(path, TftpVirtualFileKind.GrubIp, out name, null, hexIp, suffix.ToUpperInvariant());
        }
        return false;
    }

    private static bool Make(string path, TftpVirtualFileKind kind, out TftpVirtualFileName name, MacAddress? mac = null, IPAddress? ip = null, string? hex = null)
    {
        name = new TftpVirtualFileName(path, kind, mac, ip, hex);
        return true;
    }

    /// <summary><c>01-aa-bb-cc-dd-ee-ff</c>: ARP hardware type 1 (Ethernet) then the dashed MAC.</summary>
    private static bool TryParseArpMac(string text, out MacAddress mac)
    {
        mac = default;
        return text.Length == 20
            && text.StartsWith("01-", StringComparison.Ordinal)
            && text[3..].Split('-') is { Length: 6 } parts
            && parts.All(p => p.Length == 2)
            && MacAddress.TryParse(text[3..], out mac);
    }

    /// <summary>1 to 8 hex digits; with all 8 the address is known too.</summary>
    private static bool TryParseHexPrefix(string text, out IPAddress? ip)
    {
        ip = null;
        if (text.Length is < 1 or > 8) return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        if (text.Length == 8)
        {
            var value = uint.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            ip = new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
        }
        return true;
    }

    private static string ToHex(IPAddress ip) => Convert.ToHexString(ip.GetAddressBytes());
}
