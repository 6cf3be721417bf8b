using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Templates;

/// <summary><c>fleetboot templates reset NAME</c>: drops the operator's versions so the built-in applies again.</summary>
internal static class TemplatesResetCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "template name" };
        var command = new Command("reset", "drop every stored version so the built-in applies again");
        command.Arguments.Add(name);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var template = await context.Client.ResetTemplateAsync(parse.GetRequiredValue(name), ct);
            TemplateView.Changed(context.Output, template, "reset");
        });
        return command;
    }
}
