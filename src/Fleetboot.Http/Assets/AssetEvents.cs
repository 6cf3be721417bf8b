using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Events;
using Microsoft.AspNetCore.Http;

namespace Fleetboot.Http.Assets;

/// <summary>
/// Puts every static file fetch (<c>/assets/</c>, loaders) on the timeline as <paramref name="kind"/>. The request names no
/// machine; the recorder attributes it by the address the machine used for its boot script or got from DHCP.
/// </summary>
internal sealed class AssetEvents(RequestDelegate next, IBootEventSink sink, TimeProvider time, string kind)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var started = time.GetTimestamp();
        await next(http);
        var status = http.Response.StatusCode;
        var outcome = status switch
        {
            StatusCodes.Status200OK or StatusCodes.Status206PartialContent or StatusCodes.Status304NotModified => "ok",
            StatusCodes.Status404NotFound => "not-found",
            _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var path = http.Request.Path.ToString();
        sink.Record(new BootEvent(time.GetUtcNow(), kind, ClientAddress.Of(http), null, outcome,
            $"{http.Request.Method} {path} {status}",
            new Dictionary<string, string>
            {
                ["path"] = path,
                ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["bytes"] = http.Response.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                ["duration_ms"] = time.GetElapsedTime(started).TotalMilliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
            }));
    }
}
