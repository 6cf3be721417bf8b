using System.Diagnostics.CodeAnalysis;

namespace Fleetboot.Core.Dhcp;

/// <summary>
/// A machine's or profile's <c>loader</c>: a kind (<see cref="Kinds"/>) that Core maps to the file fitting the client's
/// firmware, or an explicit file under the TFTP root, or an absolute http(s) URL, which every client gets as is.
/// </summary>
public static class BootLoaderChoice
{
    /// <summary>Fleetboot's default: iPXE for the firmware, then the machine's iPXE script.</summary>
    public const string Ipxe = "ipxe";

    /// <summary>GRUB for x86-64 UEFI PXE (<see cref="BootLoaderOptions.GrubLoader"/>), which reads <c>grub/grub.cfg</c> over TFTP.</summary>
    public const string Grub = "grub";

    /// <summary>Secure Boot on x86-64 UEFI PXE: shim (<see cref="BootLoaderOptions.ShimLoader"/>), which loads <c>grubx64.efi</c> beside it.</summary>
    public const string Shim = "shim";

    /// <summary>PXELINUX for BIOS PXE (<see cref="BootLoaderOptions.PxelinuxLoader"/>), which reads <c>pxelinux.cfg/</c> over TFTP.</summary>
    public const string Pxelinux = "pxelinux";

    public static IReadOnlyList<string> Kinds { get; } = [Ipxe, Grub, Shim, Pxelinux];

    private const int MaxLength = 255;

    /// <summary>Checks an operator's value and gives the form to store: a kind in lower case, a file without a leading slash, or the URL.</summary>
    public static bool TryNormalize(string text, [NotNullWhen(true)] out string? loader, [NotNullWhen(false)] out string? error)
    {
        loader = null;
        var value = text.Trim();
        var kind = Kinds.FirstOrDefault(k => string.Equals(k, value, StringComparison.OrdinalIgnoreCase));
        if (kind is not null)
        {
            loader = kind;
            error = null;
            return true;
        }
        error = $"'{text}' is not a loader: use {string.Join(", ", Kinds)}, a file name under the TFTP root, or an absolute http(s) URL";
        if (value.Length is 0 or > MaxLength || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) return false;
        if (value.Contains("://", StringComparison.Ordinal))
        {
            if (!IsAbsoluteUrl(value) || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Host.Length == 0) return false;
            loader = value;
            error = null;
            return true;
        }
        var file = value.TrimStart('/');
        if (file.Length == 0 || value.Contains('\\', StringComparison.Ordinal) || file.Split('/').Any(s => s is "" or "." or "..")) return false;
        loader = file;
        error = null;
        return true;
    }

    public static bool IsAbsoluteUrl(string loader) =>
        loader.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || loader.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The file that <paramref name="loader"/> means for this client, or null when the default choice applies: the
    /// <see cref="Ipxe"/> kind, or a kind that does not fit the firmware (GRUB or shim on BIOS, arm64 or HTTP Boot;
    /// PXELINUX on UEFI). Explicit files and URLs fit every client.
    /// </summary>
    public static string? FileFor(string loader, ushort? arch, bool httpBoot, BootLoaderOptions options)
    {
        bool x64UefiPxe = !httpBoot && arch is ClientArchitectures.X64Uefi or ClientArchitectures.EbcUefi;
        bool biosPxe = !httpBoot && arch is null or ClientArchitectures.X86Bios;
        return loader switch
        {
            Ipxe => null,
            Grub => x64UefiPxe ? options.GrubLoader : null,
            Shim => x64UefiPxe ? options.ShimLoader : null,
            Pxelinux => biosPxe ? options.PxelinuxLoader : null,
            _ => loader,
        };
    }
}
