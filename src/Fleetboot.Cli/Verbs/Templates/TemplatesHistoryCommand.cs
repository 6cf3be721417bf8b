using System.CommandLine;
using System.Globalization;

namespace Fleetboot.Cli.Verbs.Templates;

/// <summary><c>fleetboot templates history NAME</c></summary>
internal static class TemplatesHistoryCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "template name" };
        var command = new Command("history", "list the stored versions of a template, oldest first");
        command.Arguments.Add(name);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var versions = await context.Client.GetTemplateHistoryAsync(parse.GetRequiredValue(name), ct);
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(versions, CliOutput.Json.IReadOnlyListTemplateDto);
                return;
            }
            context.Output.Table(versions,
                ("VERSION", t => t.Version.ToString(CultureInfo.InvariantCulture)),
                ("CREATED", t => t.CreatedAt?.ToString("u", CultureInfo.InvariantCulture)),
                ("LINES", t => t.Content.Split('\n').Length.ToString(CultureInfo.InvariantCulture)),
                ("FIRST LINE", t => t.Content.Split('\n')[0]));
            if (versions.Count == 0) context.Output.Line("no stored versions: the built-in is in force");
        });
        return command;
    }
}
