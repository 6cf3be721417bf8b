using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary><c>fleetboot machines show REF</c> (id, any MAC, or host name)</summary>
internal static class MachinesShowCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("REF") { Description = "machine id, MAC address or host name" };
        var command = new Command("show", "show one machine");
        command.Arguments.Add(reference);
        CliRunner.SetAction(command, async (context, parse, ct) =>
            MachineView.Show(context.Output, await context.Client.GetMachineAsync(parse.GetRequiredValue(reference), ct)));
        return command;
    }
}
