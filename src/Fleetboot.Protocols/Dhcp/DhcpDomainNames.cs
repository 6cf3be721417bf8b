using System.Text;

namespace Fleetboot.Protocols.Dhcp;

/// <summary>Decodes the DNS-wire-format name lists of option 119 (RFC 3397), following compression pointers within the option.</summary>
internal static class DhcpDomainNames
{
    public static IReadOnlyList<string> Decode(ReadOnlySpan<byte> data)
    {
        var names = new List<string>();
        int i = 0;
        while (i < data.Length)
        {
            if (!TryReadName(data, i, out var name, out int next)) return names;
            names.Add(name);
            i = next;
        }
        return names;
    }

    private static bool TryReadName(ReadOnlySpan<byte> data, int start, out string name, out int next)
    {
        var sb = new StringBuilder();
        int i = start;
        next = -1;
        int jumps = 0;
        while (true)
        {
            if (i >= data.Length) { name = ""; return false; }
            byte len = data[i];
            if (len == 0)
            {
                if (next < 0) next = i + 1;
                break;
            }
            if ((len & 0xC0) == 0xC0)
            {
                if (i + 1 >= data.Length || ++jumps > 32) { name = ""; return false; }
                int target = ((len & 0x3F) << 8) | data[i + 1];
                if (next < 0) next = i + 2;
                if (target >= data.Length) { name = ""; return false; }
                i = target;
                continue;
            }
            if (len > 63 || i + 1 + len > data.Length) { name = ""; return false; }
            if (sb.Length > 0) sb.Append('.');
            sb.Append(Encoding.ASCII.GetString(data.Slice(i + 1, len)));
            i += 1 + len;
        }
        name = sb.ToString();
        return true;
    }
}
