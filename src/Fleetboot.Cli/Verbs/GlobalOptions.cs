using System.CommandLine;

namespace Fleetboot.Cli.Verbs;

/// <summary>Options every client verb accepts: where the server is, the admin token, and the output format.</summary>
internal static class GlobalOptions
{
    public const string DefaultServer = "http://127.0.0.1:8080";
    public const string ServerVariable = "FLEETBOOT_SERVER";
    public const string TokenVariable = "FLEETBOOT_TOKEN";
    public static readonly string DefaultTokenFile = Path.Combine("data", "admin.token");

    public static readonly Option<string?> Server = new("--server")
    {
        Description = $"Fleetboot server URL (default {DefaultServer}, or ${ServerVariable})",
        HelpName = "URL",
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = $"admin token for writes (default ${TokenVariable}, else the content of ./{DefaultTokenFile.Replace('\\', '/')})",
        HelpName = "TOKEN",
        Recursive = true,
    };

    public static readonly Option<string> Output = CreateOutput();

    private static Option<string> CreateOutput()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "output format: table (default) or json",
            HelpName = "table|json",
            DefaultValueFactory = _ => "table",
            Recursive = true,
        };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }
}
