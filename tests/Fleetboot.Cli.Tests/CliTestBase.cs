using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Fleetboot.Cli.Tests;

/// <summary>Runs CLI verbs against the class's server with <c>--server</c> and <c>--token</c>.</summary>
public abstract class CliTestBase(CliServer server) : IClassFixture<CliServer>
{
    protected CliServer Server { get; } = server;

    protected Task<CliProcess.Result> RunAsync(params string[] args) =>
        CliProcess.RunAsync(["--server", Server.Url, "--token", Server.Token, .. args]);

    /// <summary>Runs and expects exit 0 with nothing on stderr.</summary>
    protected async Task<CliProcess.Result> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stderr.ShouldBeEmpty(result.ToString());
        return result;
    }

    /// <summary>Runs and expects the given non-zero exit and exactly one line on stderr.</summary>
    protected async Task<string> FailsAsync(int exitCode, params string[] args)
    {
        var result = await RunAsync(args);
        result.ExitCode.ShouldBe(exitCode, result.ToString());
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, result.ToString());
        lines[0].ShouldStartWith("fleetboot: ");
        return lines[0];
    }

    protected static T Json<T>(CliProcess.Result result, JsonTypeInfo<T> type) => JsonSerializer.Deserialize(result.Stdout, type)!;
}
