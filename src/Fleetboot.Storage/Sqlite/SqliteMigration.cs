namespace Fleetboot.Storage.Sqlite;

/// <summary>One numbered schema script, such as <c>Migrations/Sqlite/0002_events.sql</c>.</summary>
internal sealed record SqliteMigration(int Version, string Name, string Sql);
