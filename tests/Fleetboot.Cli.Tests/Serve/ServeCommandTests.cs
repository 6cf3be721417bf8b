using System.Diagnostics;

namespace Fleetboot.Cli.Tests.Serve;

/// <summary>The real <c>serve</c> process refusing bad start-up input with one line and a non-zero exit.</summary>
public sealed class ServeCommandTests
{
    private static async Task<(int Exit, string Output)> ServeAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Fleetboot.Cli.Serve.ServeCommand).Assembly.Location);
        start.ArgumentList.Add("serve");
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task Serve_BadConfigFile_StopsWithTheLineAtFault()
    {
        var dir = Directory.CreateTempSubdirectory("fleetboot-serve-").FullName;
        var file = Path.Combine(dir, "bad.yaml");
        await File.WriteAllTextAsync(file, "data: " + dir + "\nhttp: 127.0.0.1:99999\n");

        var (exit, output) = await ServeAsync("--config", file);

        exit.ShouldBe(2);
        output.ShouldContain($"fleetboot: configuration error: {file} line 2: '127.0.0.1:99999' is not valid for http");
        Directory.Exists(Path.Combine(dir, "assets")).ShouldBeFalse("nothing starts when the configuration is invalid");
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Serve_HttpPortTaken_SaysWhichAndHowToFix()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var dir = Directory.CreateTempSubdirectory("fleetboot-serve-").FullName;

        var (exit, output) = await ServeAsync("--data", dir, "--http", $"127.0.0.1:{port}", "--tftp", "off");

        exit.ShouldBe(1);
        output.ShouldContain($"cannot listen on 127.0.0.1:{port}: the address is already in use");
        Directory.Delete(dir, recursive: true);
    }
}
