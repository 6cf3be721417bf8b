using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Subnets;

/// <summary><c>fleetboot subnets show NAME</c></summary>
internal static class SubnetsShowCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "subnet name" };
        var command = new Command("show", "show one DHCP subnet");
        command.Arguments.Add(name);
        CliRunner.SetAction(command, async (context, parse, ct) =>
            SubnetView.Show(context.Output, await context.Client.GetSubnetAsync(parse.GetRequiredValue(name), ct)));
        return command;
    }
}
