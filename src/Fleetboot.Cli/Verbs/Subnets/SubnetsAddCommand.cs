using System.CommandLine;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Subnets;

/// <summary><c>fleetboot subnets add NAME --network CIDR --pool FIRST-LAST [...]</c></summary>
internal static class SubnetsAddCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "subnet name (a-z, 0-9, '-', '_', '.')" };
        var options = new SubnetOptions();
        var command = new Command("add", "create a DHCP subnet; a running server serves it at once");
        command.Arguments.Add(name);
        options.AddTo(command);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var request = options.Apply(parse, new SubnetRequest { Name = parse.GetRequiredValue(name) });
            SubnetView.Show(context.Output, await context.Client.AddSubnetAsync(request, ct));
        });
        return command;
    }
}
