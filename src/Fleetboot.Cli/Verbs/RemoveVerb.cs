using System.CommandLine;
using Fleetboot.Client;

namespace Fleetboot.Cli.Verbs;

/// <summary>
/// The shape of <c>groups|machines|profiles remove</c> and <c>macs release</c>: one argument names what goes, the server
/// removes it, and one line says so (nothing with <c>--output json</c>).
/// </summary>
internal static class RemoveVerb
{
    public static Command Create(string verb, string description, Argument<string> target,
        Func<FleetbootClient, string, CancellationToken, Task> remove, string done)
    {
        var command = new Command(verb, description);
        command.Arguments.Add(target);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var value = parse.GetRequiredValue(target);
            await remove(context.Client, value, ct);
            if (!context.Output.IsJson) context.Output.Line($"{done} {value}");
        });
        return command;
    }
}
