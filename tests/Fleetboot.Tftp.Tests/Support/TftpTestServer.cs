using System.Net;

namespace Fleetboot.Tftp.Tests.Support;

/// <summary>A real <see cref="TftpServer"/> on 127.0.0.1 (ephemeral port) over a temporary root.</summary>
internal sealed class TftpTestServer : IAsyncDisposable
{
    private readonly TempDirectory? _ownedRoot;

    private TftpTestServer(TftpServer server, string root, TempDirectory? ownedRoot, RecordingEventSink events, RecordingLogger logger)
    {
        Server = server;
        Root = root;
        _ownedRoot = ownedRoot;
        Events = events;
        Logger = logger;
    }

    public TftpServer Server { get; }

    public string Root { get; }

    public RecordingEventSink Events { get; }

    public RecordingLogger Logger { get; }

    public IPEndPoint Endpoint => Server.LocalEndpoint!;

    public int Port => Endpoint.Port;

    public static async Task<TftpTestServer> StartAsync(
        string? root = null,
        Func<TftpOptions, TftpOptions>? configure = null,
        ITftpVirtualFileSource? virtualFiles = null,
        TftpSocketFactory? sockets = null,
        IPAddress? address = null)
    {
        var owned = root is null ? new TempDirectory("fbtftp-root") : null;
        root ??= owned!.Path;
        var events = new RecordingEventSink();
        try
        {
            var options = new TftpOptions { Root = root, Endpoint = new IPEndPoint(address ?? IPAddress.Loopback, 0) };
            if (configure is not null) options = configure(options);
            var logger = new RecordingLogger();
            var server = new TftpServer(options, logger, TimeProvider.System, events, virtualFiles, sockets ?? new TftpSocketFactory());
            await server.StartAsync(CancellationToken.None);
            return new TftpTestServer(server, root, owned, events, logger);
        }
        catch
        {
            events.Dispose();
            owned?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await Server.StopAsync(cts.Token);
        await Server.DisposeAsync();
        Events.Dispose();
        _ownedRoot?.Dispose();
    }
}
