using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Macs;

/// <summary><c>fleetboot macs release MAC</c></summary>
internal static class MacsReleaseCommand
{
    public static Command Create()
    {
        var mac = new Argument<string>("MAC") { Description = "a reserved address" };
        var command = new Command("release", "give a reserved MAC address back");
        command.Arguments.Add(mac);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var target = parse.GetRequiredValue(mac);
            await context.Client.ReleaseMacAsync(target, ct);
            if (!context.Output.IsJson) context.Output.Line($"released {target}");
        });
        return command;
    }
}
