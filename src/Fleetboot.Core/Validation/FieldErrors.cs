using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Fleetboot.Core.Validation;

/// <summary>Collects field errors while input is checked, then throws them together.</summary>
public sealed partial class FieldErrors
{
    private readonly List<FieldError> _errors = [];

    public void Add(string field, string message) => _errors.Add(new FieldError(field, message));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0) throw new ValidationException(_errors.ToList());
    }

    /// <summary>Ids of profiles, groups and templates: lowercase letters, digits, '-', '_' and '.'.</summary>
    public bool CheckId(string field, string? value)
    {
        if (value is not null && IdPattern().IsMatch(value)) return true;
        Add(field, "must be 1-63 characters of a-z, 0-9, '-', '_' or '.', starting with a letter or digit");
        return false;
    }

    /// <summary>RFC 1123 host name, optionally dotted.</summary>
    public bool CheckHostname(string field, string value)
    {
        if (value.Length <= 253 && value.Split('.').All(l => HostLabelPattern().IsMatch(l))) return true;
        Add(field, $"'{value}' is not a valid host name (letters, digits and '-', labels of 1-63 characters)");
        return false;
    }

    public bool CheckIPv4(string field, string value, out IPAddress? address)
    {
        // Only the canonical dotted-decimal form: IPAddress also reads 10.0.0.010 (octal, = 10.0.0.8) and 0x0a.0.0.1,
        // which would store one address under several spellings and defeat the uniqueness of static IPs.
        if (IPAddress.TryParse(value, out address) && address.AddressFamily == AddressFamily.InterNetwork && address.ToString() == value)
            return true;
        Add(field, $"'{value}' is not an IPv4 address");
        address = null;
        return false;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")]
    private static partial Regex HostLabelPattern();
}
