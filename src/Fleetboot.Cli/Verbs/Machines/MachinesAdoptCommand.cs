using System.CommandLine;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary><c>fleetboot machines adopt HOST --hostname NAME [--profile ID]</c>: a discovered machine becomes a registered one.</summary>
internal static class MachinesAdoptCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("HOST") { Description = "the discovered machine: its id or MAC address" };
        var hostname = new Option<string>("--hostname") { Description = "the host name it gets", HelpName = "NAME", Required = true };
        var profile = new Option<string?>("--profile") { Description = "profile to install (the machine is then provisioning)", HelpName = "ID" };
        var command = new Command("adopt", "register a discovered machine with a host name (and a profile to install)");
        command.Arguments.Add(reference);
        command.Options.Add(hostname);
        command.Options.Add(profile);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var request = new AdoptRequest(parse.GetRequiredValue(hostname), parse.GetValue(profile));
            MachineView.Show(context.Output, await context.Client.AdoptMachineAsync(parse.GetRequiredValue(reference), request, ct));
        });
        return command;
    }
}
