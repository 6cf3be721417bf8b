using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Templates;

/// <summary><c>fleetboot templates show NAME</c>: prints the template in force.</summary>
internal static class TemplatesShowCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "template name (see: fleetboot templates list)" };
        var command = new Command("show", "print the template in force");
        command.Arguments.Add(name);
        CliRunner.SetAction(command, async (context, parse, ct) =>
            TemplateView.Show(context.Output, await context.Client.GetTemplateAsync(parse.GetRequiredValue(name), ct)));
        return command;
    }
}
