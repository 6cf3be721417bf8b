using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;

namespace Fleetboot.Http.Assets;

/// <summary>
/// A physical file provider that also refuses files reached through a symbolic link that leaves the root
/// (the plain provider only refuses <c>..</c>). Refused files look missing, so the client gets a 404.
/// </summary>
internal sealed class ContainedFileProvider : IFileProvider, IDisposable
{
    private readonly PhysicalFileProvider _inner;
    private readonly string _root;

    public ContainedFileProvider(string root)
    {
        Directory.CreateDirectory(root);
        _root = RealPath(Path.GetFullPath(root));
        _inner = new PhysicalFileProvider(_root, ExclusionFilters.Sensitive);
    }

    public IFileInfo GetFileInfo(string subpath)
    {
        var info = _inner.GetFileInfo(subpath);
        if (!info.Exists || info.PhysicalPath is not { } path) return info;
        var real = RealPath(path);
        if (!IsInside(real)) return new NotFoundFileInfo(subpath);
        // Length and dates must be the target's, not the link's.
        return real == path ? info : new PhysicalFileInfo(new FileInfo(real));
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    public void Dispose() => _inner.Dispose();

    private bool IsInside(string path) =>
        path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Follows every symbolic link on the way, like realpath(3).</summary>
    internal static string RealPath(string path)
    {
        var current = Path.GetPathRoot(path)!;
        foreach (var part in path[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null) current = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? current;
        }
        return current;
    }
}
