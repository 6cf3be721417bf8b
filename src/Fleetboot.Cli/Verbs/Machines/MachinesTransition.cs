using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary>
/// The shape of <c>machines provision|reprovision|reset|retire HOST</c>: sends the command and shows the machine in its
/// new state. A command its state refuses exits 5 with one line naming the commands it does accept.
/// </summary>
internal static class MachinesTransition
{
    public static Command Create(string verb, string description)
    {
        var reference = new Argument<string>("HOST") { Description = "machine id, MAC address or host name" };
        var command = new Command(verb, description);
        command.Arguments.Add(reference);
        CliRunner.SetAction(command, async (context, parse, ct) =>
            MachineView.Show(context.Output, await context.Client.ApplyLifecycleAsync(parse.GetRequiredValue(reference), verb, ct)));
        return command;
    }
}
