using System.Globalization;

namespace Fleetboot.Protocols.Tftp;

/// <summary>A read or write request: filename, transfer mode and the options in the order the client sent them.</summary>
/// <param name="Opcode"><see cref="TftpOpcode.ReadRequest"/> or <see cref="TftpOpcode.WriteRequest"/>.</param>
/// <param name="Filename">As sent, with trailing 0xFF padding removed; not yet normalised.</param>
/// <param name="Mode">Lower-cased transfer mode (<c>octet</c>, <c>netascii</c>, <c>mail</c>...).</param>
/// <param name="Options">Every option, known or not; names are lower-cased.</param>
public sealed record TftpRequest(TftpOpcode Opcode, string Filename, string Mode, IReadOnlyList<TftpOption> Options)
{
    /// <summary>The first value of an option (names compare case-insensitively), or null.</summary>
    public string? GetOption(string name)
    {
        foreach (var option in Options)
        {
            if (string.Equals(option.Name, name, StringComparison.OrdinalIgnoreCase)) return option.Value;
        }
        return null;
    }

    /// <summary>The option as a non-negative integer; false when absent or not a plain decimal number.</summary>
    public bool TryGetIntegerOption(string name, out long value)
    {
        value = 0;
        var text = GetOption(name);
        return text is not null
            && text.Length is > 0 and <= 18
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
