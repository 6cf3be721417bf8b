using System.Net;
using Fleetboot.Tftp;
using Microsoft.Extensions.Logging.Abstractions;

// Usage: Fleetboot.Tftp.BenchHost ROOT ADDR:PORT
// Serves ROOT over TFTP until stdin closes or SIGTERM; prints "ready" once bound.
if (args.Length != 2 || !IPEndPoint.TryParse(args[1], out var endpoint))
{
    Console.Error.WriteLine("usage: Fleetboot.Tftp.BenchHost ROOT ADDR:PORT");
    return 2;
}
var options = new TftpOptions { Root = args[0], Endpoint = endpoint };
await using var server = new TftpServer(options, NullLogger<TftpServer>.Instance);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
await server.StartAsync(CancellationToken.None);
Console.WriteLine($"ready {server.LocalEndpoint}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
await server.StopAsync(CancellationToken.None);
return 0;
