using System.CommandLine;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Subnets;

/// <summary><c>fleetboot subnets update NAME [--pool …] [...]</c>: changes only what is given.</summary>
internal static class SubnetsUpdateCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "subnet name" };
        var options = new SubnetOptions();
        var command = new Command("update", "change fields of a DHCP subnet (the others keep their values)");
        command.Arguments.Add(name);
        options.AddTo(command);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var s = await context.Client.GetSubnetAsync(parse.GetRequiredValue(name), ct);
            var current = new SubnetRequest
            {
                Name = s.Name,
                Network = s.Network,
                Interface = s.Interface,
                Pools = s.Pools,
                Router = s.Router,
                DnsServers = s.DnsServers,
                DomainName = s.DomainName,
                DomainSearch = s.DomainSearch,
                NtpServers = s.NtpServers,
                Mtu = s.Mtu,
                LeaseTimeSeconds = s.LeaseTimeSeconds,
                Probe = s.Probe,
                ProbeWaitMilliseconds = s.ProbeWaitMilliseconds,
                Reservations = s.Reservations,
            };
            SubnetView.Show(context.Output, await context.Client.ReplaceSubnetAsync(s.Name, options.Apply(parse, current), ct));
        });
        return command;
    }
}
