using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Boot;
using Fleetboot.Core.Events;
using Fleetboot.Core.Machines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Http.Boot;

/// <summary>
/// The machine-facing endpoints: boot scripts and configs (no authentication, read-only; a render error answers 404 so
/// that loaders fall through to their next option, the reason logged and put on the machine's timeline), and the
/// installer callbacks and homelab paths, authenticated by the machine's own token.
/// </summary>
public static class BootEndpoints
{
    public static IEndpointRouteBuilder MapFleetbootBootEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/boot.ipxe", (HttpContext http, BootRenderer renderer, BootHttpOptions options, CancellationToken ct) =>
            Serve(http, "http.chain", options, null, (request, token) => renderer.RenderChainAsync(request, token), ct));
        app.MapGet("/ipxe", (HttpContext http, BootRenderer renderer, BootHttpOptions options, CancellationToken ct) =>
            ServeArtifact(http, renderer, options, BootArtifact.Ipxe, null, ct));
        app.MapGet("/grub", (HttpContext http, BootRenderer renderer, BootHttpOptions options, CancellationToken ct) =>
            ServeArtifact(http, renderer, options, BootArtifact.Grub, null, ct));
        app.MapGet("/pxelinux.cfg/{name}", (string name, HttpContext http, BootRenderer renderer, BootHttpOptions options, CancellationToken ct) =>
            ServeArtifact(http, renderer, options, BootArtifact.Pxelinux, PxelinuxMac(name), ct));
        app.MapGet("/config/{kind}", (string kind, HttpContext http, BootRenderer renderer, BootHttpOptions options, CancellationToken ct) =>
            ServeConfig(http, renderer, options, kind, null, ct));
        app.MapGet("/config/generic/{name}", (string name, HttpContext http, BootRenderer renderer, BootHttpOptions options, CancellationToken ct) =>
            ServeConfig(http, renderer, options, "generic/" + name, null, ct));
        // cloud-init's NoCloud appends the file name to its seed URL, so the MAC travels in the path.
        app.MapGet("/cloud-init/{mac}/{kind}", (string mac, string kind, HttpContext http, BootRenderer renderer, BootHttpOptions options, CancellationToken ct) =>
            ServeConfig(http, renderer, options, kind, mac, ct));
        CallbackEndpoints.Map(app);
        HomelabEndpoints.Map(app);
        return app;
    }

    private static Task<IResult> ServeConfig(HttpContext http, BootRenderer renderer, BootHttpOptions options, string kind, string? mac, CancellationToken ct)
    {
        if (!BootArtifact.TryParse(kind, out var artifact) || artifact.Kind is not (BootArtifactKind.Config or BootArtifactKind.File))
            return Task.FromResult<IResult>(TypedResults.NotFound());
        return ServeArtifact(http, renderer, options, artifact, mac, ct);
    }

    private static Task<IResult> ServeArtifact(HttpContext http, BootRenderer renderer, BootHttpOptions options, BootArtifact artifact, string? mac, CancellationToken ct) =>
        Serve(http, "http." + artifact.Kind.ToString().ToLowerInvariant(), options, mac, (request, token) => renderer.RenderAsync(request, artifact, token), ct);

    private static async Task<IResult> Serve(HttpContext http, string eventKind, BootHttpOptions options, string? mac,
        Func<BootRequest, CancellationToken, Task<RenderResult>> render, CancellationToken ct)
    {
        var request = BootRequestReader.Read(http, options, mac);
        var result = await render(request, ct);
        var sink = http.RequestServices.GetRequiredService<IBootEventSink>();
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var path = http.Request.Path + http.Request.QueryString;
        sink.Record(new BootEvent(time.GetUtcNow(), eventKind, $"{request.ClientAddress}", request.Mac?.ToString(),
            Outcome(result.Status), result.Reason ?? $"served {http.Request.Path}",
            new Dictionary<string, string>
            {
                ["path"] = path,
                ["status"] = result.Status == RenderStatus.Ok ? "200" : "404",
                ["arch"] = request.Arch ?? "",
                ["firmware"] = request.Platform ?? "",
                ["uuid"] = request.Uuid?.ToString() ?? "",
            })
        { MachineId = result.MachineId });

        if (result.Status == RenderStatus.Ok) return TypedResults.Text(result.Content, result.ContentType);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BootEndpoints));
        if (result.Status == RenderStatus.Failed) BootLog.RenderFailed(logger, path, result.Reason ?? "");
        else BootLog.NotFound(logger, path, result.Reason ?? "");
        return TypedResults.Text($"Fleetboot: {result.Reason}\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
    }

    private static string Outcome(RenderStatus status) => status switch
    {
        RenderStatus.Ok => "ok",
        RenderStatus.NotFound => "not-found",
        _ => "render-error",
    };

    /// <summary>PXELINUX asks for <c>01-aa-bb-cc-dd-ee-ff</c> (type 1 = Ethernet), then shorter names, then <c>default</c>.</summary>
    private static string? PxelinuxMac(string name) =>
        name.StartsWith("01-", StringComparison.Ordinal) && MacAddress.TryParse(name[3..], out var mac) ? mac.ToString() : null;
}
