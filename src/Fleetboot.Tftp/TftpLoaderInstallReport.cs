namespace Fleetboot.Tftp;

/// <summary>What <see cref="TftpLoaderInstaller.Install"/> did: files copied, files already current, and files whose package is missing.</summary>
public sealed record TftpLoaderInstallReport(IReadOnlyList<TftpLoaderFile> Installed, IReadOnlyList<TftpLoaderFile> UpToDate, IReadOnlyList<TftpLoaderFile> Missing)
{
    /// <summary>Distinct packages to install for the missing files.</summary>
    public IReadOnlyList<string> MissingPackages => Missing.Select(m => m.Package).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The command that fixes <see cref="Missing"/>, or null when nothing is missing.</summary>
    public string? FixCommand => Missing.Count == 0 ? null : "apt-get install -y " + string.Join(' ', MissingPackages);
}
