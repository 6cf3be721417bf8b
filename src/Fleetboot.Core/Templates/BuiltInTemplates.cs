using System.Reflection;

namespace Fleetboot.Core.Templates;

/// <summary>The templates Fleetboot ships (Templates/BuiltIn/*.hbs); operators can replace any of them.</summary>
public static class BuiltInTemplates
{
    public const string IpxeChain = "ipxe-chain";
    public const string Ipxe = "ipxe";
    public const string IpxeExit = "ipxe-exit";
    public const string IpxeMenu = "ipxe-menu";
    public const string Grub = "grub";
    public const string GrubExit = "grub-exit";
    public const string GrubDispatch = "grub-dispatch";
    public const string Pxelinux = "pxelinux";
    public const string PxelinuxExit = "pxelinux-exit";

    public static IReadOnlyDictionary<string, string> All { get; } = Load();

    private static Dictionary<string, string> Load()
    {
        var assembly = typeof(BuiltInTemplates).Assembly;
        const string prefix = "Fleetboot.Core.Templates.BuiltIn.";
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            templates[resource[prefix.Length..^".hbs".Length]] = reader.ReadToEnd();
        }
        return templates;
    }
}
