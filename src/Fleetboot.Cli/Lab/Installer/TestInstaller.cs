using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Fleetboot.Cli.Lab.Installer;

/// <summary>The test installer's two files, ready to serve.</summary>
/// <param name="KernelRelease">Such as <c>6.1.0-56-cloud-amd64</c>.</param>
/// <param name="Modules">The modules the initramfs loads, in order.</param>
public sealed record TestInstallerFiles(string Kernel, string Initrd, string KernelRelease, IReadOnlyList<string> Modules);

/// <summary>
/// Builds the lab's test installer: a Debian kernel (by default the cloud flavour) and a busybox initramfs whose
/// /init (Installer/init.sh) loads the NIC and disk drivers of the same kernel, takes an address by DHCP, calls
/// back with progress and done, writes a marker to the disk and powers off. Built once per input into the cache.
/// </summary>
public static class TestInstaller
{
    public const string DefaultKernelPackage = "linux-image-cloud-amd64";
    public const string BusyboxPath = "/bin/busybox";

    /// <summary>NIC drivers for virtio-net and e1000 (the cloud kernel has no e1000), and the virtio disk driver.</summary>
    private static readonly string[] WantedModules = ["virtio_pci", "virtio_net", "virtio_blk", "e1000", "e1000e"];

    public static async Task<TestInstallerFiles> BuildAsync(string cache, Action<string> log, CancellationToken ct,
        string kernelPackage = DefaultKernelPackage)
    {
        await CheckBusyboxAsync(ct);
        var kernel = await KernelPackage.FetchAsync(kernelPackage, cache, log, ct);
        var modules = kernel.ModulesInLoadOrder(WantedModules);
        if (!modules.Any(m => m.Name is "virtio_net" or "e1000" or "e1000e"))
            throw new LabException($"kernel {kernel.Release} has no virtio_net or e1000 module");

        var init = Resource("init.sh");
        var udhcpc = Resource("udhcpc.script");
        var busybox = await File.ReadAllBytesAsync(BusyboxPath, ct);
        var order = string.Join('\n', modules.Select(m => m.Name)) + "\n";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var bootSector = DiskBootSector.Create();
        foreach (var part in new[] { init, udhcpc, busybox, bootSector, Encoding.UTF8.GetBytes(order + kernel.Release) }) hash.AppendData(part);
        var id = Convert.ToHexStringLower(hash.GetHashAndReset())[..12];

        var directory = Path.Combine(cache, "installer", $"{kernel.Release}-{id}");
        var result = new TestInstallerFiles(Path.Combine(directory, "vmlinuz"), Path.Combine(directory, "initrd.gz"),
            kernel.Release, modules.Select(m => m.Name).ToList());
        if (File.Exists(result.Kernel) && File.Exists(result.Initrd)) return result;

        log($"building the test installer initramfs ({string.Join(' ', result.Modules)})");
        var partial = directory + ".partial";
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);
        await using (var file = File.Create(Path.Combine(partial, "initrd.gz")))
        await using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        {
            var cpio = new CpioWriter(gzip);
            foreach (var dir in new[] { "bin", "dev", "etc", "lib", "lib/modules", "proc", "sys", "tmp", "mnt" }) cpio.Directory(dir);
            // The kernel opens /dev/console for init before devtmpfs is mounted.
            cpio.CharDevice("dev/console", 5, 1, 0x180 /* 0600 */);
            cpio.CharDevice("dev/null", 1, 3, 0x1B6 /* 0666 */);
            cpio.File("bin/busybox", busybox, 0x1ED);
            cpio.Symlink("bin/sh", "busybox");
            cpio.File("init", init, 0x1ED);
            cpio.File("etc/udhcpc.script", udhcpc, 0x1ED);
            cpio.File("etc/fleetboot-bootsector", bootSector, 0x1A4);
            cpio.File("etc/fleetboot-modules", Encoding.UTF8.GetBytes(order), 0x1A4);
            foreach (var (name, path) in modules) cpio.File($"lib/modules/{name}.ko", await File.ReadAllBytesAsync(path, ct), 0x1A4);
            cpio.Finish();
        }
        File.Copy(kernel.Vmlinuz, Path.Combine(partial, "vmlinuz"));
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.Move(partial, directory);
        return result;
    }

    /// <summary>The initramfs needs a static busybox (busybox-static): the dynamic one would need a libc in it.</summary>
    private static async Task CheckBusyboxAsync(CancellationToken ct)
    {
        var status = await ProcessRunner.RunAsync("dpkg-query", ["-W", "-f=${Status}", "busybox-static"], TimeSpan.FromSeconds(30), ct);
        if (!status.StandardOutput.Contains("install ok installed", StringComparison.Ordinal) || !File.Exists(BusyboxPath))
            throw new LabException("the test installer needs a static busybox: apt-get install busybox-static");
    }

    private static byte[] Resource(string name)
    {
        using var stream = typeof(TestInstaller).Assembly.GetManifestResourceStream($"Fleetboot.Lab.{name}")
            ?? throw new InvalidOperationException($"embedded resource Fleetboot.Lab.{name} is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
