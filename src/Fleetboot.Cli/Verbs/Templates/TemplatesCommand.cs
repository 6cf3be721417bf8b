using System.CommandLine;

namespace Fleetboot.Cli.Verbs.Templates;

/// <summary><c>fleetboot templates list|show|set|history|rollback|reset</c></summary>
internal static class TemplatesCommand
{
    public static Command Create() => new("templates", "view and replace the built-in templates")
    {
        TemplatesListCommand.Create(),
        TemplatesShowCommand.Create(),
        TemplatesSetCommand.Create(),
        TemplatesHistoryCommand.Create(),
        TemplatesRollbackCommand.Create(),
        TemplatesResetCommand.Create(),
    };
}
