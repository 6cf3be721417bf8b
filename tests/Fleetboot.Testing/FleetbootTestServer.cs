using Fleetboot.Cli.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Testing;

/// <summary>The real server, composed as <c>fleetboot serve</c> composes it, on a free loopback port over SQLite in a fresh directory.</summary>
public sealed class FleetbootTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FleetbootTestServer(WebApplication app, string data, Uri baseAddress, string tokenPath)
    {
        _app = app;
        DataDirectory = data;
        BaseAddress = baseAddress;
        TokenFile = tokenPath;
        Token = File.ReadAllText(tokenPath).Trim();
    }

    public string DataDirectory { get; }
    public Uri BaseAddress { get; }
    public string TokenFile { get; }
    public string Token { get; }
    public IServiceProvider Services => _app.Services;
    public int Port => BaseAddress.Port;

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public static async Task<FleetbootTestServer> StartAsync(Func<ServerSettings, ServerSettings>? configure = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "fleetboot-tests", Guid.NewGuid().ToString("n"));
        var settings = new ServerSettings { DataDirectory = data, Http = "127.0.0.1:0", Tftp = "off", LogLevel = "warning" };
        settings = configure?.Invoke(settings) ?? settings;
        var app = ServerHost.Build(settings, logging => logging.ClearProviders());
        var (tokenPath, _) = await ServerHost.InitializeAsync(app, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new FleetbootTestServer(app, data, new Uri(address), tokenPath);
    }

    public HttpClient CreateClient(bool authenticated = false)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (authenticated) client.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        return client;
    }

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
            // A file still held open only leaves a temp directory behind.
        }
    }
}
