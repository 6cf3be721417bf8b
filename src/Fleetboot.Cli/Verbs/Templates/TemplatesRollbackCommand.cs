using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Templates;

/// <summary><c>fleetboot templates rollback NAME VERSION</c>: the old version's content becomes a new version.</summary>
internal static class TemplatesRollbackCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "template name" };
        var version = new Argument<int>("VERSION") { Description = "version to bring back (see: fleetboot templates history NAME)" };
        var command = new Command("rollback", "make an earlier version current again (stored as a new version)");
        command.Arguments.Add(name);
        command.Arguments.Add(version);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var template = await context.Client.RollbackTemplateAsync(parse.GetRequiredValue(name), parse.GetValue(version), ct);
            TemplateView.Changed(context.Output, template, "rolled back");
        });
        return command;
    }
}
