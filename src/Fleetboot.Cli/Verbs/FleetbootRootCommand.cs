using System.CommandLine;
using Fleetboot.Cli.Verbs.Events;
using Fleetboot.Cli.Verbs.Groups;
using Fleetboot.Cli.Verbs.Machines;
using Fleetboot.Cli.Verbs.Macs;
using Fleetboot.Cli.Verbs.Profiles;
using Fleetboot.Cli.Verbs.Templates;

namespace Fleetboot.Cli.Verbs;

/// <summary>The <c>fleetboot</c> command with its client verbs and global options.</summary>
internal static class FleetbootRootCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Fleetboot: network boot and provisioning server (DHCP, TFTP, HTTP) with a machine registry")
        {
            MachinesCommand.Create(),
            ProfilesCommand.Create(),
            GroupsCommand.Create(),
            TemplatesCommand.Create(),
            MacsCommand.Create(),
            RenderCommand.Create(),
            EventsCommand.Create(),
            Leases.LeasesCommand.Create(),
            Subnets.SubnetsCommand.Create(),
            Doctor.DoctorCommand.Create(),
        };
        root.Options.Add(GlobalOptions.Server);
        root.Options.Add(GlobalOptions.Token);
        root.Options.Add(GlobalOptions.Output);
        return root;
    }
}
