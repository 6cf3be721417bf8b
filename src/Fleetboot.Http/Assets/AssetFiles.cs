using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace Fleetboot.Http.Assets;

/// <summary>
/// <c>/assets/</c>: kernels, initrds and images from <c>DATA/assets</c>. The static file middleware gives
/// HEAD, Content-Length, Range, ETag / If-None-Match and sendfile; the provider keeps requests inside the root.
/// </summary>
public static class AssetFiles
{
    public static IApplicationBuilder UseFleetbootAssets(this IApplicationBuilder app, string assetsDirectory)
    {
        var provider = new ContainedFileProvider(assetsDirectory);
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/assets"), branch => branch.UseMiddleware<AssetEvents>());
        return app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = new PathString("/assets"),
            FileProvider = provider,
            ServeUnknownFileTypes = true,
            DefaultContentType = "application/octet-stream",
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
        });
    }
}
