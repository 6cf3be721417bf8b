using System.Globalization;

namespace Fleetboot.Core.Dhcp;

/// <summary>Chooses the loader for a netbooting client from option 93, option 77, option 60 and the machine's loader.</summary>
public static class BootLoaderSelector
{
    /// <summary>True when the request comes from PXE/HTTP-boot firmware or from iPXE.</summary>
    public static bool IsNetbootClient(BootLoaderRequest request, BootLoaderOptions options) =>
        request.Architectures.Count > 0
        || (request.VendorClass is { } vc && (vc.StartsWith("PXEClient", StringComparison.Ordinal) || vc.StartsWith("HTTPClient", StringComparison.Ordinal)))
        || HasUserClass(request, options.IpxeUserClass)
        || HasUserClass(request, options.FleetbootUserClass);

    /// <param name="httpBaseUrl">Absolute base such as <c>http://10.9.0.1:8080</c>, without a trailing slash.</param>
    /// <returns>null when the client is not netbooting (an ordinary DHCP client gets no boot file).</returns>
    public static BootLoaderDecision? Select(BootLoaderRequest request, BootLoaderOptions options, string httpBaseUrl)
    {
        if (!IsNetbootClient(request, options)) return null;
        var baseUrl = httpBaseUrl.TrimEnd('/');
        ushort? arch = request.Architectures.Count > 0 ? request.Architectures[0] : ArchFromVendorClass(request.VendorClass);

        if (HasUserClass(request, options.FleetbootUserClass))
            return new(baseUrl + options.MachineScriptPath.Replace("{mac}", request.Mac.ToString(), StringComparison.Ordinal), arch, false, "fleetboot");

        bool http = (arch is { } a && ClientArchitectures.IsHttpBoot(a))
            || (request.VendorClass?.StartsWith("HTTPClient", StringComparison.Ordinal) ?? false);

        // The machine's loader comes before iPXE's user class: a PXE ROM can be iPXE (QEMU's SeaBIOS ROM is), and a
        // machine set to PXELINUX or GRUB must still get it there.
        string? unfit = null;
        if (request.LoaderOverride is { Length: > 0 } over)
        {
            if (BootLoaderChoice.FileFor(over, arch, http, options) is { } file)
                return new(http && !BootLoaderChoice.IsAbsoluteUrl(file) ? $"{baseUrl}/{file.TrimStart('/')}" : file, arch, http, "override");
            if (over != BootLoaderChoice.Ipxe) unfit = over;
        }

        if (HasUserClass(request, options.IpxeUserClass))
            return new(baseUrl + options.BootScriptPath, arch, false, "ipxe", unfit);

        string loader = arch switch
        {
            ClientArchitectures.X86Bios or null => options.BiosLoader,
            ClientArchitectures.Arm64Uefi or ClientArchitectures.Arm64UefiHttp => options.Arm64UefiLoader,
            _ => options.UefiLoader,
        };
        if (http) return new($"{baseUrl}/{loader}", arch, true, "http-boot", unfit);
        return new(loader, arch, false, arch is null or ClientArchitectures.X86Bios ? "bios" : "uefi", unfit);
    }

    private static bool HasUserClass(BootLoaderRequest request, string userClass)
    {
        foreach (var uc in request.UserClasses)
        {
            if (string.Equals(uc, userClass, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Reads <c>PXEClient:Arch:00007:UNDI:003000</c> when option 93 is missing.</summary>
    private static ushort? ArchFromVendorClass(string? vendorClass)
    {
        if (vendorClass is null) return null;
        int i = vendorClass.IndexOf(":Arch:", StringComparison.Ordinal);
        if (i < 0 || vendorClass.Length < i + 11) return null;
        return ushort.TryParse(vendorClass.AsSpan(i + 6, 5), NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : null;
    }
}
