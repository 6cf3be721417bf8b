using Microsoft.AspNetCore.Http;

namespace Fleetboot.Http;

/// <summary>Where a request came from, as boot requests and the timeline name it.</summary>
internal static class ClientAddress
{
    /// <summary>The remote address as IPv4 (an IPv4-mapped IPv6 address unmapped), or <c>unknown</c>.</summary>
    public static string Of(HttpContext http) => http.Connection.RemoteIpAddress?.MapToIPv4().ToString() ?? "unknown";
}
