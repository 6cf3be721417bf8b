namespace Fleetboot.Core.Boot;

/// <summary>What a loader asks for: a script in its own language, or one of the profile's files.</summary>
public enum BootArtifactKind
{
    Ipxe,
    Grub,
    Pxelinux,
    Config,
    File,
}

/// <param name="Name">The config kind or the generic file's name; empty for scripts.</param>
public sealed record BootArtifact(BootArtifactKind Kind, string Name = "")
{
    public static readonly BootArtifact Ipxe = new(BootArtifactKind.Ipxe);
    public static readonly BootArtifact Grub = new(BootArtifactKind.Grub);
    public static readonly BootArtifact Pxelinux = new(BootArtifactKind.Pxelinux);

    /// <summary>Reads <c>ipxe</c>, <c>grub</c>, <c>pxelinux</c>, a config kind (<c>ignition</c>...) or <c>generic/NAME</c>.</summary>
    public static bool TryParse(string? text, out BootArtifact artifact)
    {
        artifact = text switch
        {
            "ipxe" => Ipxe,
            "grub" => Grub,
            "pxelinux" => Pxelinux,
            _ when text is not null && Profiles.ConfigKinds.IsKnown(text) => new BootArtifact(BootArtifactKind.Config, text),
            _ when text is not null && text.StartsWith("generic/", StringComparison.Ordinal) && text.Length > 8 => new BootArtifact(BootArtifactKind.File, text[8..]),
            _ => null!,
        };
        return artifact is not null;
    }

    public override string ToString() => Kind switch
    {
        BootArtifactKind.Config => Name,
        BootArtifactKind.File => $"generic/{Name}",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
