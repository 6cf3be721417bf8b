namespace Fleetboot.Cli.Verbs;

internal enum OutputFormat
{
    Table,
    Json,
}
