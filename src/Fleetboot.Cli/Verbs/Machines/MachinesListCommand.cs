using System.CommandLine;
using Fleetboot.Client;

namespace Fleetboot.Cli.Verbs.Machines;

/// <summary><c>fleetboot machines list [--label k=v]... [--role R] [--profile P] [--state S] [--offset N] [--limit N]</c></summary>
internal static class MachinesListCommand
{
    public static Command Create()
    {
        var labels = new Option<string[]>("--label") { Description = "only machines with this label key=value (repeatable; all must match)", HelpName = "KEY=VALUE" };
        var role = new Option<string?>("--role") { Description = "only machines with this role", HelpName = "ROLE" };
        var profile = new Option<string?>("--profile") { Description = "only machines assigned this profile", HelpName = "PROFILE" };
        var state = new Option<string?>("--state") { Description = "only machines in this state", HelpName = "STATE" };
        var offset = new Option<int?>("--offset") { Description = "skip this many machines", HelpName = "N" };
        var limit = new Option<int?>("--limit") { Description = "at most this many machines (server default 100)", HelpName = "N" };
        var command = new Command("list", "list machines");
        foreach (var option in new Option[] { labels, role, profile, state, offset, limit }) command.Options.Add(option);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var stateText = parse.GetValue(state);
            var page = await context.Client.ListMachinesAsync(new MachineFilter
            {
                Labels = KeyValues.Parse(parse.GetValue(labels), "--label"),
                Role = parse.GetValue(role),
                Profile = parse.GetValue(profile),
                State = stateText is null ? null : Wire.ParseState(stateText),
                Offset = parse.GetValue(offset),
                Limit = parse.GetValue(limit),
            }, ct);
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(page, CliOutput.Json.MachinePage);
                return;
            }
            MachineView.List(context.Output, page.Items);
            var last = page.Offset + page.Items.Count;
            context.Output.Line(page.Items.Count == page.Total
                ? $"{page.Total} machine(s)"
                : $"machines {(page.Items.Count == 0 ? 0 : page.Offset + 1)}-{last} of {page.Total} (use --offset {last} for more)");
        });
        return command;
    }
}
