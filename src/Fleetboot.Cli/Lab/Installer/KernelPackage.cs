using System.Text;
using System.Text.RegularExpressions;

namespace Fleetboot.Cli.Lab.Installer;

/// <summary>
/// A Debian kernel fetched with <c>apt-get download</c> and unpacked with <c>dpkg-deb -x</c>: the metapackage
/// (<c>linux-image-cloud-amd64</c>) names the versioned image package, which holds vmlinuz and the modules.
/// </summary>
/// <param name="Release">The kernel release, such as <c>6.1.0-56-cloud-amd64</c>.</param>
/// <param name="Root">Where the package is unpacked.</param>
internal sealed partial record KernelPackage(string Release, string Root)
{
    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromMinutes(5);

    public string Vmlinuz => Path.Combine(Root, "boot", $"vmlinuz-{Release}");

    /// <summary>The unpacked kernel for <paramref name="metapackage"/>, downloading and unpacking it once into <paramref name="cache"/>.</summary>
    public static async Task<KernelPackage> FetchAsync(string metapackage, string cache, Action<string> log, CancellationToken ct)
    {
        var debs = Path.Combine(cache, "debs");
        Directory.CreateDirectory(debs);
        var meta = Directory.GetFiles(debs, $"{metapackage}_*.deb").OrderBy(f => f, StringComparer.Ordinal).LastOrDefault();
        if (meta is null)
        {
            log($"downloading {metapackage} (apt-get download)");
            await DownloadAsync(metapackage, debs, ct);
            meta = Directory.GetFiles(debs, $"{metapackage}_*.deb").Single();
        }
        var depends = await ProcessRunner.RunCheckedAsync("dpkg-deb", ["-f", meta, "Depends"], TimeSpan.FromSeconds(30), ct);
        var image = ImagePackage().Match(depends);
        if (!image.Success)
            throw new LabException($"{Path.GetFileName(meta)} depends on no versioned linux-image package (Depends: {depends.Trim()})");
        var package = image.Groups["name"].Value;
        var release = package["linux-image-".Length..];
        var root = Path.Combine(cache, "kernel", release);
        var kernel = new KernelPackage(release, root);
        if (File.Exists(kernel.Vmlinuz)) return kernel;

        var deb = Directory.GetFiles(debs, $"{package}_*.deb").SingleOrDefault();
        if (deb is null)
        {
            log($"downloading {package} (apt-get download)");
            await DownloadAsync(package, debs, ct);
            deb = Directory.GetFiles(debs, $"{package}_*.deb").Single();
        }
        var partial = root + ".partial";
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);
        log($"unpacking {Path.GetFileName(deb)}");
        await ProcessRunner.RunCheckedAsync("dpkg-deb", ["-x", deb, partial], TimeSpan.FromMinutes(2), ct);
        if (!File.Exists(Path.Combine(partial, "boot", $"vmlinuz-{release}")))
            throw new LabException($"{Path.GetFileName(deb)} holds no boot/vmlinuz-{release}");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Directory.Move(partial, root);
        return kernel;
    }

    /// <summary>The modules (by name) that exist in this kernel, with everything they depend on, in load order.</summary>
    public IReadOnlyList<(string Name, string Path)> ModulesInLoadOrder(IEnumerable<string> wanted)
    {
        var files = Directory.EnumerateFiles(Path.Combine(Root, "lib", "modules", Release), "*.ko", SearchOption.AllDirectories)
            .ToDictionary(f => System.IO.Path.GetFileNameWithoutExtension(f).Replace('-', '_'), StringComparer.Ordinal);
        var order = new List<(string, string)>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string name, int depth)
        {
            if (depth > 32) throw new LabException($"module dependencies of {name} are too deep (a cycle?)");
            if (done.Contains(name) || !files.TryGetValue(name, out var file)) return;
            foreach (var dep in Depends(file)) Visit(dep, depth + 1);
            if (done.Add(name)) order.Add((name, file));
        }
        foreach (var name in wanted) Visit(name, 0);
        return order;
    }

    /// <summary>The <c>depends=</c> entry of a module's .modinfo section (uncompressed .ko).</summary>
    private static IEnumerable<string> Depends(string koFile)
    {
        var bytes = File.ReadAllBytes(koFile);
        var key = "depends="u8;
        var index = bytes.AsSpan().IndexOf(key);
        if (index < 0) return [];
        var start = index + key.Length;
        var end = Array.IndexOf(bytes, (byte)0, start);
        var value = Encoding.ASCII.GetString(bytes, start, (end < 0 ? bytes.Length : end) - start);
        return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => d.Replace('-', '_'));
    }

    private static async Task DownloadAsync(string package, string directory, CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync("apt-get", ["download", package], DownloadTimeout, ct, directory);
        if (result.Succeeded) return;
        var error = result.StandardError.Trim();
        throw new LabException(error.Contains("Unable to locate package", StringComparison.Ordinal)
            ? $"apt-get download {package}: the package is unknown to apt; run apt-get update first"
            : $"apt-get download {package} failed (exit {result.ExitCode}): {error}");
    }

    [GeneratedRegex(@"(?<name>linux-image-[0-9][^\s,(]*)")]
    private static partial Regex ImagePackage();
}
