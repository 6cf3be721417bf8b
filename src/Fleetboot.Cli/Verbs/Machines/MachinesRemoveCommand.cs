using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary><c>fleetboot machines remove REF</c></summary>
internal static class MachinesRemoveCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("REF") { Description = "machine id, MAC address or host name" };
        var command = new Command("remove", "remove a machine from the registry");
        command.Arguments.Add(reference);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var target = parse.GetRequiredValue(reference);
            await context.Client.RemoveMachineAsync(target, ct);
            if (!context.Output.IsJson) context.Output.Line($"removed machine {target}");
        });
        return command;
    }
}
