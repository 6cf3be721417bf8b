using System.Net;

namespace Fleetboot.Tftp;

/// <summary>Finds what a request names: a rendered virtual file first (for the recognised names), then the disk under the root.</summary>
internal sealed class TftpFileProvider(TftpOptions options, ITftpVirtualFileSource? virtualFiles)
{
    private const string AssetsPrefix = "assets/";
    private readonly TftpRootResolver _resolver = new(options.Root);
    private readonly TftpRootResolver? _assets = options.AssetsRoot is { } assets ? new(assets) : null;
    private readonly TftpFileCache _cache = new(options.HotFileCacheBytes, options.HotFileMaxBytes);

    public TftpFileCache Cache => _cache;

    public string RealRoot => _resolver.RealRoot;

    public async ValueTask<TftpOpenResult> OpenAsync(string path, bool netascii, IPEndPoint client, CancellationToken cancellationToken)
    {
        if (virtualFiles is not null && TftpVirtualFileName.TryParse(path, out var name))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.RenderTimeout);
            ReadOnlyMemory<byte>? rendered;
            try
            {
                rendered = await virtualFiles.TryRenderAsync(name, client, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return TftpOpenResult.Failed(path, "Rendering timed out");
            }
            if (rendered is { } bytes)
            {
                return TftpOpenResult.Found(TftpContent.FromMemory(netascii ? TftpNetascii.Encode(bytes.Span) : bytes), path);
            }
        }
        return OpenFromDisk(path, netascii);
    }

    private TftpOpenResult OpenFromDisk(string path, bool netascii)
    {
        var real = _assets is not null && path.StartsWith(AssetsPrefix, StringComparison.Ordinal)
            ? _assets.Resolve(path[AssetsPrefix.Length..])
            : _resolver.Resolve(path);
        if (real is null) return TftpOpenResult.Denied(path, "symlink leaves the TFTP root");
        if (Directory.Exists(real)) return TftpOpenResult.NotFound(path);

        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return TftpOpenResult.NotFound(path);
        }
        catch (DirectoryNotFoundException)
        {
            return TftpOpenResult.NotFound(path);
        }
        catch (UnauthorizedAccessException)
        {
            return TftpOpenResult.Denied(path, "file not readable");
        }
        catch (IOException ex)
        {
            return TftpOpenResult.Failed(path, "Read error: " + ex.Message);
        }

        try
        {
            long length = RandomAccess.GetLength(handle);
            if (netascii)
            {
                if (length > options.MaxNetasciiFileBytes)
                {
                    handle.Dispose();
                    return TftpOpenResult.Failed(path, $"netascii mode is limited to {options.MaxNetasciiFileBytes} bytes; use octet (binary) mode");
                }
                var raw = ReadAll(handle, length);
                handle.Dispose();
                return TftpOpenResult.Found(TftpContent.FromMemory(TftpNetascii.Encode(raw)), path);
            }
            if (length <= _cache.MaxFileBytes)
            {
                var lastWrite = File.GetLastWriteTimeUtc(handle);
                if (!_cache.TryGet(real, length, lastWrite, out var cached))
                {
                    var bytes = ReadAll(handle, length);
                    _cache.Add(real, lastWrite, bytes);
                    cached = bytes;
                }
                handle.Dispose();
                return TftpOpenResult.Found(TftpContent.FromMemory(cached), path);
            }
            return TftpOpenResult.Found(TftpContent.FromFile(handle, length), path);
        }
        catch (IOException ex)
        {
            handle.Dispose();
            return TftpOpenResult.Failed(path, "Read error: " + ex.Message);
        }
    }

    private static byte[] ReadAll(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length)
    {
        var bytes = new byte[length];
        int total = 0;
        while (total < bytes.Length)
        {
            int n = RandomAccess.Read(handle, bytes.AsSpan(total), total);
            if (n == 0) break;
            total += n;
        }
        return total == bytes.Length ? bytes : bytes[..total];
    }
}
