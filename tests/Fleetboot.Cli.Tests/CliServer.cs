using Fleetboot.Cli.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Cli.Tests;

/// <summary>The real server, composed by <see cref="ServerHost"/> as <c>fleetboot serve</c> does, on a free loopback port over SQLite in a fresh directory.</summary>
public sealed class CliServer : IAsyncLifetime
{
    private WebApplication? _app;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "fleetboot-cli-tests", Guid.NewGuid().ToString("n"));
    public Uri BaseAddress { get; private set; } = null!;
    public string Token { get; private set; } = null!;

    /// <summary>The base URL as a user types it: <c>http://127.0.0.1:PORT</c>.</summary>
    public string Url => BaseAddress.ToString().TrimEnd('/');

    public async ValueTask InitializeAsync()
    {
        var settings = new ServerSettings { DataDirectory = DataDirectory, Http = "127.0.0.1:0", LogLevel = "warning" };
        _app = ServerHost.Build(settings, logging => logging.ClearProviders());
        var (tokenPath, _) = await ServerHost.InitializeAsync(_app, CancellationToken.None);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Token = (await File.ReadAllTextAsync(tokenPath)).Trim();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
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
