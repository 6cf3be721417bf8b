using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Fleetboot.Cli.Serve;

/// <summary>Reads <c>ADDR:PORT</c> (<c>0.0.0.0:8080</c>, <c>127.0.0.1:69</c>, <c>[::]:8080</c>).</summary>
internal static class EndpointText
{
    public static bool TryParse(string text, [NotNullWhen(true)] out IPEndPoint? endpoint) =>
        IPEndPoint.TryParse(text, out endpoint) && text.Contains(':', StringComparison.Ordinal) && endpoint.Port >= 0 && !text.EndsWith(']');
}
