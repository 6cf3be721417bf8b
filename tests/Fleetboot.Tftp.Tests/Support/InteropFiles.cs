using System.Security.Cryptography;

namespace Fleetboot.Tftp.Tests.Support;

/// <summary>The interop files (0, 512, 1468 bytes, 64 MiB + 1) in a temp TFTP root, with their SHA-256.</summary>
public sealed class InteropFiles : IDisposable
{
    public const int Big = 64 * 1024 * 1024 + 1;
    private readonly TempDirectory _root = new("fbtftp-interop");
    private readonly TempDirectory _downloads = new("fbtftp-dl");
    private readonly Dictionary<string, string> _hashes = [];

    public InteropFiles()
    {
        foreach (var size in new[] { 0, 512, 1468, Big })
        {
            var bytes = _root.WriteRandom(Name(size), size, seed: size);
            _hashes[Name(size)] = Convert.ToHexString(SHA256.HashData(bytes));
        }
    }

    public string Root => _root.Path;

    public string DownloadDirectory => _downloads.Path;

    public static string Name(int size) => $"file-{size}.bin";

    public string Hash(string name) => _hashes[name];

    public static string HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    public void Dispose()
    {
        _root.Dispose();
        _downloads.Dispose();
    }
}
