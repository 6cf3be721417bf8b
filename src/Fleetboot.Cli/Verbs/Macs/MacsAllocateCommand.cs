using System.CommandLine;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Macs;

/// <summary><c>fleetboot macs allocate [COUNT] [--prefix bc:24:11] [--note TEXT]</c></summary>
internal static class MacsAllocateCommand
{
    public static Command Create()
    {
        var count = new Argument<int>("COUNT") { Description = "how many addresses", DefaultValueFactory = _ => 1 };
        var prefix = new Option<string?>("--prefix") { Description = "leading octets such as 02:00 or bc:24:11 (default: the server's prefix)", HelpName = "OCTETS" };
        var note = new Option<string?>("--note") { Description = "note kept with each reservation", HelpName = "TEXT" };
        var command = new Command("allocate", "reserve new MAC addresses that no machine or reservation holds");
        command.Arguments.Add(count);
        command.Options.Add(prefix);
        command.Options.Add(note);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var allocated = await context.Client.AllocateMacsAsync(
                new MacAllocateRequest(parse.GetValue(count), parse.GetValue(prefix), parse.GetValue(note)), ct);
            if (context.Output.IsJson) MacView.List(context.Output, allocated);
            else foreach (var r in allocated) context.Output.Line(r.Mac);
        });
        return command;
    }
}
