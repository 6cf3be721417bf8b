using System.Net;
using System.Net.Sockets;

namespace Fleetboot.Cli.Tests;

public sealed class CliConnectionTests(CliServer server) : CliTestBase(server)
{
    [Fact]
    public async Task AnyVerb_ServerNotRunning_OneLineSayingToStartServeAndExit3()
    {
        var port = ClosedPort();
        var result = await CliProcess.RunAsync(["--server", $"http://127.0.0.1:{port}", "machines", "list"]);
        result.ExitCode.ShouldBe(3, result.ToString());
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, result.ToString());
        lines[0].ShouldContain($"127.0.0.1:{port}");
        lines[0].ShouldContain("./fleetboot serve");
        result.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Write_WrongToken_OneLineUnauthorizedAndExit6()
    {
        var result = await CliProcess.RunAsync(["--server", Server.Url, "--token", "wrong", "profiles", "add", "nope", "--kernel", "http://x/linux"]);
        result.ExitCode.ShouldBe(6, result.ToString());
        result.Stderr.ShouldContain("unauthorized");
        result.Stderr.ShouldContain("wrong");
    }

    [Fact]
    public async Task Write_NoTokenAnywhere_OneLineUnauthorized()
    {
        var result = await CliProcess.RunAsync(["--server", Server.Url, "profiles", "add", "nope", "--kernel", "http://x/linux"]);
        result.ExitCode.ShouldBe(6, result.ToString());
        result.Stderr.ShouldContain("no admin token");
    }

    [Fact]
    public async Task Token_FromDataAdminTokenInWorkingDirectory_IsUsed()
    {
        var cwd = Directory.CreateTempSubdirectory("fleetboot-cli-cwd-").FullName;
        Directory.CreateDirectory(Path.Combine(cwd, "data"));
        await File.WriteAllTextAsync(Path.Combine(cwd, "data", "admin.token"), Server.Token + "\n", TestContext.Current.CancellationToken);
        var result = await CliProcess.RunAsync(["--server", Server.Url, "profiles", "add", "from-file", "--kernel", "http://x/linux"], cwd);
        result.ExitCode.ShouldBe(0, result.ToString());
    }

    [Fact]
    public async Task ServerAndToken_FromEnvironment_AreUsed()
    {
        var result = await CliProcess.RunAsync(["profiles", "add", "from-env", "--kernel", "http://x/linux", "-o", "json"],
            environment: new Dictionary<string, string> { ["FLEETBOOT_SERVER"] = Server.Url, ["FLEETBOOT_TOKEN"] = Server.Token });
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("\"id\": \"from-env\"");
    }

    [Fact]
    public async Task Help_ListsTheVerbs()
    {
        var result = await CliProcess.RunAsync(["--help"]);
        result.ExitCode.ShouldBe(0, result.ToString());
        foreach (var verb in new[] { "machines", "profiles", "groups", "templates", "macs", "render", "serve" })
            result.Stdout.ShouldContain(verb);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
