using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Templates;

/// <summary><c>fleetboot templates list</c></summary>
internal static class TemplatesListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "list templates and whether the built-in or an operator's version is in force");
        CliRunner.SetAction(command, async (context, _, ct) => TemplateView.List(context.Output, await context.Client.ListTemplatesAsync(ct)));
        return command;
    }
}
