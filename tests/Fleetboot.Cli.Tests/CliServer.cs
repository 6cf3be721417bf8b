namespace Fleetboot.Cli.Tests;

/// <summary>One real server per test class (<see cref="FleetbootTestServer"/>), which the CLI processes talk to.</summary>
public sealed class CliServer : IAsyncLifetime
{
    private FleetbootTestServer? _server;

    private FleetbootTestServer Server => _server ?? throw new InvalidOperationException("the server has not started");

    public string DataDirectory => Server.DataDirectory;
    public Uri BaseAddress => Server.BaseAddress;
    public string Token => Server.Token;

    /// <summary>The server's services, for what only a machine knows (its callback token).</summary>
    public IServiceProvider Services => Server.Services;

    /// <summary>The base URL as a user types it: <c>http://127.0.0.1:PORT</c>.</summary>
    public string Url => BaseAddress.ToString().TrimEnd('/');

    public async ValueTask InitializeAsync() => _server = await FleetbootTestServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
