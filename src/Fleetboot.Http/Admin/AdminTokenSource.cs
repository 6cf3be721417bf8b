using Microsoft.Extensions.Options;

namespace Fleetboot.Http.Admin;

/// <summary>The current admin token, re-read when the token file's modification time or size changes.</summary>
internal sealed class AdminTokenSource(IOptions<AdminApiOptions> options)
{
    private readonly string _path = Path.GetFullPath(options.Value.TokenFile);
    private readonly Lock _gate = new();
    private (DateTime Modified, long Length, string? Token)? _cached;

    public string TokenFile => _path;

    public string? Current()
    {
        var info = new FileInfo(_path);
        if (!info.Exists) return null;
        lock (_gate)
        {
            if (_cached is { } c && c.Modified == info.LastWriteTimeUtc && c.Length == info.Length) return c.Token;
            var token = AdminTokenFile.TryRead(_path);
            _cached = (info.LastWriteTimeUtc, info.Length, token);
            return token;
        }
    }
}
