using System.Net;
using Fleetboot.Client;
using Fleetboot.Core.Boot;
using Fleetboot.Core.Catalog;
using Fleetboot.Core.Groups;
using Fleetboot.Core.Machines;
using Fleetboot.Core.Profiles;
using Fleetboot.Core.Templates;
using Fleetboot.Http.Admin;
using Fleetboot.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Http.Tests.Admin;

/// <summary>
/// A real Kestrel on 127.0.0.1 (free port) serving the admin API over real SQLite in a fresh directory,
/// with a freshly written admin token. Used by the admin API tests and by the CLI tests.
/// </summary>
public sealed class AdminApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdminApiServer(WebApplication app, string dataDirectory, Uri baseAddress, string token)
    {
        _app = app;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        Token = token;
    }

    public string DataDirectory { get; }
    public Uri BaseAddress { get; }
    public string Token { get; }
    public string TokenFile => Path.Combine(DataDirectory, "admin.token");

    public static async Task<AdminApiServer> StartAsync(CancellationToken ct = default)
    {
        var data = Path.Combine(Path.GetTempPath(), "fleetboot-admin-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(data);
        var tokenFile = Path.Combine(data, "admin.token");
        AdminTokenFile.EnsureCreated(tokenFile);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddFleetbootSqlite(data);
        services.AddSingleton<TemplateEngine>();
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<MachineRegistry>();
        services.AddSingleton<ProfileCatalog>();
        services.AddSingleton<GroupCatalog>();
        services.AddSingleton<TemplateLibrary>();
        services.AddSingleton(new MacAllocatorOptions());
        services.AddSingleton<MacAllocator>();
        services.AddSingleton(new BootOptions());
        services.AddSingleton<BootRenderer>();
        services.AddFleetbootAdminApi(o => o.TokenFile = tokenFile);

        var app = builder.Build();
        app.MapFleetbootAdminApi();
        await app.Services.GetRequiredService<IStorageInitializer>().InitializeAsync(ct);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new AdminApiServer(app, data, new Uri(address.TrimEnd('/') + "/"), AdminTokenFile.TryRead(tokenFile)!);
    }

    /// <summary>A plain HTTP client for the server; with <paramref name="token"/> it sends it as a bearer token.</summary>
    public HttpClient Http(string? token = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>The typed client with the admin token.</summary>
    public FleetbootClient Client() => new(Http(), Token);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
