using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace Fleetboot.Http.Assets;

/// <summary>
/// <c>/assets/</c>: kernels, initrds and images from <c>DATA/assets</c>; and the boot loaders of the TFTP root at the
/// base URL, for UEFI HTTP Boot. The static file middleware gives HEAD, Content-Length, Range, ETag / If-None-Match and
/// sendfile; the provider keeps requests inside the root.
/// </summary>
public static class AssetFiles
{
    public static IApplicationBuilder UseFleetbootAssets(this IApplicationBuilder app, string assetsDirectory)
    {
        var provider = new ContainedFileProvider(assetsDirectory);
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/assets"), branch => branch.UseMiddleware<AssetEvents>("http.asset"));
        return app.UseStaticFiles(Options(provider, new PathString("/assets")));
    }

    /// <summary>
    /// The TFTP root's files over HTTP at the base URL: DHCP hands UEFI HTTP Boot clients <c>http://SERVER:PORT/ipxe.efi</c>
    /// (file names are relative to both the TFTP root and the HTTP base URL). Only GET and HEAD of a file that exists, on a
    /// path no endpoint maps (<c>/ipxe</c>, <c>/boot.ipxe</c> and the API always win); each fetch goes on the timeline as
    /// <c>http.loader</c>.
    /// </summary>
    public static IApplicationBuilder UseFleetbootLoaders(this IApplicationBuilder app, string tftpRoot)
    {
        var provider = new ContainedFileProvider(tftpRoot);
        return app.UseWhen(
            http => http.GetEndpoint() is null && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                && http.Request.Path.HasValue && provider.GetFileInfo(http.Request.Path.Value).Exists,
            branch => branch.UseMiddleware<AssetEvents>("http.loader").UseStaticFiles(Options(provider, PathString.Empty)));
    }

    private static StaticFileOptions Options(ContainedFileProvider provider, PathString requestPath) => new()
    {
        RequestPath = requestPath,
        FileProvider = provider,
        ServeUnknownFileTypes = true,
        DefaultContentType = "application/octet-stream",
        ContentTypeProvider = new FileExtensionContentTypeProvider(),
    };
}
