namespace Fleetboot.Core.Boot;

/// <summary>GRUB names network files as <c>(http,host:port)/path</c> rather than by URL.</summary>
internal static class GrubPaths
{
    public static string? From(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return url;
        if (uri.Scheme is not ("http" or "tftp")) return url;
        var server = uri.IsDefaultPort || uri.Port < 0 ? uri.Host : $"{uri.Host}:{uri.Port}";
        return $"({uri.Scheme},{server}){uri.PathAndQuery}";
    }
}
