using System.Net;

namespace Fleetboot.Core.Boot;

/// <summary>GRUB names network files as <c>(http,host:port)/path</c> or <c>(tftp,host)/path</c> rather than by URL.</summary>
internal static class GrubPaths
{
    /// <param name="baseUrl">Our own HTTP base URL: our assets are named by TFTP when <paramref name="tftpAddress"/> is known.</param>
    /// <param name="tftpAddress">Our TFTP server's address as the machine reaches it, or null.</param>
    public static string? From(string? url, string? baseUrl = null, string? tftpAddress = null)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return url;
        if (uri.Scheme is not ("http" or "tftp")) return url;
        // Signed netboot GRUB builds (Debian's, for Secure Boot) carry no http module: they reach our assets only by TFTP,
        // which serves DATA/assets under assets/.
        if (baseUrl is not null && IPAddress.TryParse(tftpAddress, out var tftp) && !tftp.Equals(IPAddress.Any)
            && url.StartsWith(baseUrl.TrimEnd('/') + "/assets/", StringComparison.Ordinal) && uri.Query.Length == 0)
            return $"(tftp,{tftpAddress}){url[baseUrl.TrimEnd('/').Length..]}";
        var server = uri.IsDefaultPort || uri.Port < 0 ? uri.Host : $"{uri.Host}:{uri.Port}";
        return $"({uri.Scheme},{server}){uri.PathAndQuery}";
    }
}
