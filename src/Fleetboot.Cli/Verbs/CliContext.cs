using System.CommandLine;
using Fleetboot.Client;
using Spectre.Console;

namespace Fleetboot.Cli.Verbs;

/// <summary>What a client verb needs: the API client, the server it talks to and where output goes.</summary>
internal sealed class CliContext : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http;
    private readonly HttpClient _streamHttp;

    private CliContext(Uri server, string? token, OutputFormat format)
    {
        Server = server;
        Format = format;
        _http = new HttpClient { BaseAddress = server, Timeout = Timeout };
        Client = new FleetbootClient(_http, token);
        // Event streams stay open for as long as the user watches: no overall timeout, only a connect timeout.
        _streamHttp = new HttpClient(new SocketsHttpHandler { ConnectTimeout = Timeout }) { BaseAddress = server, Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        StreamClient = new FleetbootClient(_streamHttp, token);
        Output = new CliOutput(format);
    }

    public Uri Server { get; }
    public OutputFormat Format { get; }
    public FleetbootClient Client { get; }

    /// <summary>A client without a request timeout, for <see cref="FleetbootClient.StreamEventsAsync"/>.</summary>
    public FleetbootClient StreamClient { get; }
    public CliOutput Output { get; }
    public static TimeSpan RequestTimeout => Timeout;

    public static CliContext Create(ParseResult parse)
    {
        var serverText = parse.GetValue(GlobalOptions.Server);
        if (string.IsNullOrWhiteSpace(serverText)) serverText = Environment.GetEnvironmentVariable(GlobalOptions.ServerVariable);
        if (string.IsNullOrWhiteSpace(serverText)) serverText = GlobalOptions.DefaultServer;
        if (!serverText.Contains("://", StringComparison.Ordinal)) serverText = "http://" + serverText;
        if (!Uri.TryCreate(serverText.TrimEnd('/') + "/", UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
            throw new CliException($"--server '{serverText}' is not an http(s) URL", ExitCodes.Usage);
        return new CliContext(server, ResolveToken(parse), parse.GetValue(GlobalOptions.Output) == "json" ? OutputFormat.Json : OutputFormat.Table);
    }

    private static string? ResolveToken(ParseResult parse)
    {
        var token = parse.GetValue(GlobalOptions.Token);
        if (!string.IsNullOrWhiteSpace(token)) return token.Trim();
        token = Environment.GetEnvironmentVariable(GlobalOptions.TokenVariable);
        if (!string.IsNullOrWhiteSpace(token)) return token.Trim();
        try
        {
            return File.Exists(GlobalOptions.DefaultTokenFile) ? File.ReadAllText(GlobalOptions.DefaultTokenFile).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _streamHttp.Dispose();
    }
}
