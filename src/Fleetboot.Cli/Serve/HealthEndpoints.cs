using Fleetboot.Core.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Fleetboot.Cli.Serve;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: every listener is bound and storage answers.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapFleetbootHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok\n"));
        app.MapGet("/readyz", async (IStorageHealth storage, IHostApplicationLifetime lifetime, CancellationToken ct) =>
        {
            if (!lifetime.ApplicationStarted.IsCancellationRequested)
                return Results.Problem(statusCode: 503, title: "Not ready", detail: "listeners are still starting");
            try
            {
                await storage.CheckAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return Results.Problem(statusCode: 503, title: "Not ready", detail: $"storage is unreachable: {e.Message}");
            }
            return Results.Text("ready\n");
        });
        return app;
    }
}
