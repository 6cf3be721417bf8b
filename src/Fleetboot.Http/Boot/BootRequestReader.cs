using Fleetboot.Core.Boot;
using Fleetboot.Core.Machines;
using Microsoft.AspNetCore.Http;

namespace Fleetboot.Http.Boot;

/// <summary>Reads what a loader told us (matchbox's query names: mac, uuid, hostname, serial, arch, platform).</summary>
internal static class BootRequestReader
{
    public static BootRequest Read(HttpContext http, BootHttpOptions options, string? macOverride = null)
    {
        var query = http.Request.Query;
        string? Value(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString() : null;

        MacAddress? mac = MacAddress.TryParse(macOverride ?? Value("mac"), out var parsed) ? parsed : null;
        Guid? uuid = Guid.TryParse(Value("uuid"), out var u) ? u : null;
        return new BootRequest
        {
            Mac = mac,
            Uuid = uuid,
            Hostname = Value("hostname"),
            Serial = Value("serial"),
            Arch = Value("arch"),
            Platform = Value("platform"),
            ClientAddress = ClientAddress.Of(http),
            BaseUrl = BaseUrl(http, options),
            TftpAddress = options.TftpAddress,
            Query = query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
        };
    }

    /// <summary>The configured public URL, else the address the machine used to reach us.</summary>
    /// <remarks>GRUB 2.06 sends <c>Host</c> without the port; the connection's own port fills it in.</remarks>
    public static string BaseUrl(HttpContext http, BootHttpOptions? options)
    {
        if (options?.PublicUrl is { } url) return url.TrimEnd('/');
        var host = http.Request.Host;
        if (!host.HasValue) host = new HostString(http.Connection.LocalIpAddress?.MapToIPv4().ToString() ?? "localhost");
        if (host.Port is null && http.Connection.LocalPort is not (0 or 80)) host = new HostString(host.Host, http.Connection.LocalPort);
        return $"{http.Request.Scheme}://{host}";
    }
}
