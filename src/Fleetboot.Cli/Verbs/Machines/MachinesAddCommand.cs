using System.CommandLine;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary><c>fleetboot machines add MAC [HOSTNAME] --role worker --arch x86_64 --feature kubernetes --profile debian</c></summary>
internal static class MachinesAddCommand
{
    public static Command Create()
    {
        var mac = new Argument<string>("MAC") { Description = "primary MAC address (aa:bb:cc:dd:ee:ff, AA-BB-.., aabb.ccdd.eeff or aabbccddeeff)" };
        var hostname = new Argument<string?>("HOSTNAME") { Description = "host name", Arity = ArgumentArity.ZeroOrOne };
        var options = new MachineOptions();
        var command = new Command("add", "register a machine");
        command.Arguments.Add(mac);
        command.Arguments.Add(hostname);
        options.AddTo(command);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var hostArgument = parse.GetValue(hostname);
            var hostOption = parse.GetValue(options.Hostname);
            if (hostArgument is not null && hostOption is not null && hostArgument != hostOption)
                throw new CliException($"two host names given: '{hostArgument}' and --hostname '{hostOption}'", ExitCodes.Usage);
            var request = new MachineRequest
            {
                Macs = [parse.GetRequiredValue(mac), .. parse.GetValue(options.Macs) ?? []],
                Hostname = hostArgument ?? hostOption,
                Role = parse.GetValue(options.Role),
                Arch = parse.GetValue(options.Arch),
                Firmware = parse.GetValue(options.Firmware),
                Features = parse.GetValue(options.Features) ?? [],
                Labels = KeyValues.Parse(parse.GetValue(options.Labels), "--label"),
                Profile = parse.GetValue(options.Profile),
                Uuid = parse.GetValue(options.Uuid),
                Serial = parse.GetValue(options.Serial),
                StaticIp = parse.GetValue(options.Ip),
                Metadata = JsonArgument.Parse(parse.GetValue(options.Metadata), "--metadata"),
                Specs = JsonArgument.Parse(parse.GetValue(options.Specs), "--specs"),
                Netboot = parse.GetValue(options.Netboot),
                LocalBoot = parse.GetValue(options.LocalBoot),
                Loader = parse.GetValue(options.Loader),
            };
            var machine = await context.Client.AddMachineAsync(request, ct);
            MachineView.Show(context.Output, machine);
        });
        return command;
    }
}
