using System.CommandLine;
using System.Globalization;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Leases;

/// <summary><c>fleetboot leases list</c></summary>
internal static class LeasesCommand
{
    public static Command Create()
    {
        var list = new Command("list", "list DHCP leases");
        CliRunner.SetAction(list, async (context, _, ct) => Show(context.Output, await context.Client.ListLeasesAsync(ct)));
        return new Command("leases", "DHCP leases") { list };
    }

    private static void Show(CliOutput output, IReadOnlyList<LeaseDto> leases)
    {
        if (output.IsJson)
        {
            output.WriteJson(leases, CliOutput.Json.IReadOnlyListLeaseDto);
            return;
        }
        output.Table(leases,
            ("ADDRESS", l => l.Address),
            ("MAC", l => l.Mac),
            ("HOSTNAME", l => l.Hostname),
            ("SUBNET", l => l.Subnet),
            ("STATE", l => l.State),
            ("EXPIRES", l => l.Expires.ToString("u", CultureInfo.InvariantCulture)));
    }
}
