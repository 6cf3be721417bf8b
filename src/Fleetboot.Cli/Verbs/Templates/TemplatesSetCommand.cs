using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Templates;

/// <summary><c>fleetboot templates set NAME FILE</c> (<c>-</c> reads stdin): stores a new version.</summary>
internal static class TemplatesSetCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "template name" };
        var file = new Argument<string>("FILE") { Description = "file with the new content, or - for stdin" };
        var command = new Command("set", "replace a template with the content of FILE (a new version)");
        command.Arguments.Add(name);
        command.Arguments.Add(file);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var content = FileArgument.Read(parse.GetRequiredValue(file), "FILE");
            var template = await context.Client.SetTemplateAsync(parse.GetRequiredValue(name), content, ct);
            TemplateView.Changed(context.Output, template, "set");
        });
        return command;
    }
}
