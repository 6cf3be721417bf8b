using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Fleetboot.Core.Machines;

/// <summary>A 48-bit Ethernet address; printed in lowercase colon form (<c>aa:bb:cc:dd:ee:ff</c>).</summary>
public readonly record struct MacAddress(ulong Value)
{
    public const int Length = 6;

    /// <summary>Accepts <c>aa:bb:..</c>, <c>AA-BB-..</c>, <c>aabb.ccdd.eeff</c> and <c>aabbccddeeff</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out MacAddress mac)
    {
        mac = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        Span<char> hex = stackalloc char[12];
        int n = 0;
        char? separator = null;
        int groupLength = 0;
        int expectedGroup = 0;
        foreach (var c in s)
        {
            if (c is ':' or '-' or '.')
            {
                separator ??= c;
                if (c != separator) return false;
                int group = c == '.' ? 4 : 2;
                if (expectedGroup == 0) expectedGroup = group;
                if (groupLength != expectedGroup) return false;
                groupLength = 0;
                continue;
            }
            if (!char.IsAsciiHexDigit(c) || n == 12) return false;
            hex[n++] = c;
            groupLength++;
        }
        if (n != 12) return false;
        if (separator is not null && groupLength != expectedGroup) return false;
        mac = new MacAddress(ulong.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        return true;
    }

    public static MacAddress Parse(string text) =>
        TryParse(text, out var mac) ? mac : throw new FormatException($"'{text}' is not a MAC address (expected aa:bb:cc:dd:ee:ff)");

    public static MacAddress FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Length) throw new ArgumentException("a MAC address needs 6 bytes", nameof(bytes));
        ulong v = 0;
        for (int i = 0; i < Length; i++) v = (v << 8) | bytes[i];
        return new MacAddress(v);
    }

    public void WriteTo(Span<byte> destination)
    {
        for (int i = 0; i < Length; i++) destination[i] = (byte)(Value >> (8 * (Length - 1 - i)));
    }

    /// <summary>Locally administered addresses have bit 1 of the first octet set.</summary>
    public bool IsLocallyAdministered => ((Value >> 40) & 0x02) != 0;

    public override string ToString() => Format(':');

    /// <summary>The dash form that PXELINUX uses in <c>01-aa-bb-cc-dd-ee-ff</c>.</summary>
    public string ToDashed() => Format('-');

    private string Format(char separator) => string.Create(17, (Value, separator), static (span, state) =>
    {
        const string digits = "0123456789abcdef";
        for (int i = 0; i < Length; i++)
        {
            var b = (byte)(state.Value >> (8 * (Length - 1 - i)));
            span[i * 3] = digits[b >> 4];
            span[i * 3 + 1] = digits[b & 0xF];
            if (i < Length - 1) span[i * 3 + 2] = state.separator;
        }
    });
}
