using System.CommandLine;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Groups;

/// <summary><c>fleetboot groups set ID [--profile P] [--selector k=v]... [--remove-selector k]...</c>: changes only what is given.</summary>
internal static class GroupsSetCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "group id" };
        var options = new GroupOptions();
        var removeSelectors = new Option<string[]>("--remove-selector") { Description = "drop this selector (repeatable)", HelpName = "KEY" };
        var command = new Command("set", "change fields of a group (the others keep their values)");
        command.Arguments.Add(id);
        options.AddTo(command);
        command.Options.Add(removeSelectors);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var g = await context.Client.GetGroupAsync(parse.GetRequiredValue(id), ct);
            var selectors = new Dictionary<string, string>(g.Selectors, StringComparer.Ordinal);
            foreach (var key in parse.GetValue(removeSelectors) ?? []) selectors.Remove(key);
            foreach (var (key, value) in KeyValues.Parse(parse.GetValue(options.Selectors), "--selector")) selectors[key] = value;
            var description = parse.GetResult(options.Description) is null ? g.Description : parse.GetValue(options.Description);
            var request = new GroupRequest
            {
                Id = g.Id,
                Profile = parse.GetValue(options.Profile) ?? g.Profile,
                Selectors = selectors,
                Description = string.IsNullOrEmpty(description) ? null : description,
                Metadata = parse.GetValue(options.Metadata) is { } metadata ? JsonArgument.Parse(metadata, "--metadata") : g.Metadata,
            };
            GroupView.Show(context.Output, await context.Client.ReplaceGroupAsync(g.Id, request, ct));
        });
        return command;
    }
}
