namespace Fleetboot.Cli.Lab;

/// <summary>
/// iPXE for UEFI from Debian's ipxe package in <c>DATA/assets/lab/</c>, for UEFI HTTP Boot (the TFTP root is filled by
/// <c>fleetboot serve</c> itself).
/// </summary>
public static class LabLoaders
{
    public const string IpxeDirectory = "/usr/lib/ipxe";

    /// <summary>iPXE for UEFI that drives the NIC through the firmware's SNP: works with any NIC OVMF can drive.</summary>
    public const string EfiLoader = "snponly.efi";

    private static readonly string[] Loaders = ["snponly.efi", "ipxe.efi"];

    /// <returns>The loaders copied; empty when the ipxe package is not installed.</returns>
    public static IReadOnlyList<string> Install(string dataDirectory)
    {
        var assets = Path.Combine(dataDirectory, "assets", LabRegistry.InstallerAssets);
        Directory.CreateDirectory(assets);
        var copied = new List<string>();
        foreach (var name in Loaders)
        {
            var source = Path.Combine(IpxeDirectory, name);
            if (!File.Exists(source)) continue;
            File.Copy(source, Path.Combine(assets, name), overwrite: true);
            copied.Add(name);
        }
        return copied;
    }
}
