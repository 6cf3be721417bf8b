namespace Fleetboot.Tftp;

/// <summary>
/// Maps a normalised relative path to a real path under the root, following symlinks component by component
/// (like realpath) and refusing any whose target leaves the root.
/// </summary>
internal sealed class TftpRootResolver
{
    private const int MaxSymlinks = 40;

    public TftpRootResolver(string root)
    {
        var full = Path.GetFullPath(root);
        RealRoot = TryRealPath(full, out var real) ? real : full;
    }

    public string RealRoot { get; }

    /// <summary>The real path, or null when the path (through a symlink) leaves the root.</summary>
    public string? Resolve(string relativePath)
    {
        if (!TryWalk(RealRoot, relativePath.Split('/'), out var real)) return null;
        return IsInsideRoot(real) ? real : null;
    }

    private bool IsInsideRoot(string path) =>
        path.Length > RealRoot.Length
        && path.StartsWith(RealRoot, StringComparison.Ordinal)
        && (path[RealRoot.Length] == Path.DirectorySeparatorChar || RealRoot.EndsWith(Path.DirectorySeparatorChar));

    private static bool TryRealPath(string absolute, out string real)
    {
        var root = Path.GetPathRoot(absolute) ?? "/";
        return TryWalk(root, absolute[root.Length..].Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar), out real);
    }

    private static bool TryWalk(string start, IEnumerable<string> segments, out string real)
    {
        var pending = new LinkedList<string>(segments);
        var current = start;
        int links = 0;
        while (pending.First is { } node)
        {
            var segment = node.Value;
            pending.RemoveFirst();
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var candidate = Path.Join(current, segment);
            string? target;
            try
            {
                target = new FileInfo(candidate).LinkTarget;
            }
            catch (IOException)
            {
                target = null;
            }
            catch (UnauthorizedAccessException)
            {
                target = null;
            }
            if (target is null)
            {
                current = candidate;
                continue;
            }
            if (++links > MaxSymlinks)
            {
                real = candidate;
                return false;
            }
            if (Path.IsPathRooted(target))
            {
                var targetRoot = Path.GetPathRoot(target) ?? "/";
                current = targetRoot;
                target = target[targetRoot.Length..];
            }
            var parts = target.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            for (int i = parts.Length - 1; i >= 0; i--) pending.AddFirst(parts[i]);
        }
        real = current;
        return true;
    }
}
