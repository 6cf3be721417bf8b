using System.Diagnostics.CodeAnalysis;

namespace Fleetboot.Tftp;

/// <summary>Filename rules: <c>\</c> is a separator, leading <c>/</c> stripped, trailing NUL/0xFF trimmed, no <c>..</c>, no drive paths.</summary>
internal static class TftpPath
{
    /// <summary>The relative path with forward slashes, or false with the reason it is refused (an access violation).</summary>
    public static bool TryNormalize(string filename, [NotNullWhen(true)] out string? path, [NotNullWhen(false)] out string? refusal)
    {
        path = null;
        var text = filename.TrimEnd('\0', '\u00FF').Replace('\\', '/');
        if (text.Length >= 2 && char.IsAsciiLetter(text[0]) && text[1] == ':')
        {
            refusal = "absolute (drive) path";
            return false;
        }
        var segments = new List<string>();
        foreach (var segment in text.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..")
            {
                refusal = "path leaves the TFTP root (..)";
                return false;
            }
            foreach (var c in segment)
            {
                if (char.IsControl(c))
                {
                    refusal = "control character in filename";
                    return false;
                }
            }
            segments.Add(segment);
        }
        if (segments.Count == 0)
        {
            refusal = "empty filename";
            return false;
        }
        path = string.Join('/', segments);
        refusal = null;
        return true;
    }
}
