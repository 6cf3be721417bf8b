using System.Net;
using Fleetboot.Core.Dhcp;

namespace Fleetboot.Dhcp;

/// <summary>Checks <see cref="DhcpOptions"/>; subnet errors come from <see cref="DhcpSubnetCompiler"/> and name the subnet.</summary>
public static class DhcpOptionsValidator
{
    /// <summary>Every problem, one line each. Subnets are checked in every mode (they are kept for the API even while DHCP is off).</summary>
    public static IReadOnlyList<string> Validate(DhcpOptions options)
    {
        var errors = new List<string>();
        if (options.ServerAddress is { Length: > 0 } sa && !Ipv4.TryParse(sa, out _)) errors.Add($"server address '{sa}' is not an IPv4 address");
        if (options.HttpBaseUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps)))
            errors.Add($"HTTP base URL '{url}' is not an absolute http:// URL");
        if (options.ProbeAttempts is < 1 or > 16) errors.Add("probe attempts must be between 1 and 16");
        errors.AddRange(CompileSubnets(options, options.Subnets, []).Errors.Select(e => e.ToString()));
        return errors;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> listing every problem.</summary>
    public static void ThrowIfInvalid(DhcpOptions options)
    {
        var errors = Validate(options);
        if (errors.Count > 0) throw new InvalidOperationException("invalid DHCP configuration: " + string.Join("; ", errors));
    }

    /// <summary>Compiles <paramref name="subnets"/> with the configured server address and <paramref name="ownAddresses"/> kept out of every pool.</summary>
    internal static (IReadOnlyList<DhcpSubnet> Subnets, List<DhcpSubnetError> Errors) CompileSubnets(
        DhcpOptions options, IReadOnlyList<DhcpSubnetOptions> subnets, IEnumerable<IPAddress> ownAddresses)
    {
        var servers = ownAddresses.ToList();
        if (ServerAddress(options) is { } configured) servers.Add(configured);
        var compiled = DhcpSubnetCompiler.Compile(subnets, servers.Distinct().ToList(), options.Mode == DhcpMode.Full, out var errors);
        return (compiled, errors);
    }

    internal static IPAddress? ServerAddress(DhcpOptions options) =>
        options.ServerAddress is { Length: > 0 } s && Ipv4.TryParse(s, out var a) ? a : null;
}
