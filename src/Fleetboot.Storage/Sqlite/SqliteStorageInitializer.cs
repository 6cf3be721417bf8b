namespace Fleetboot.Storage.Sqlite;

internal sealed class SqliteStorageInitializer(SqliteMigrator migrator) : IStorageInitializer
{
    public async Task InitializeAsync(CancellationToken ct) => await migrator.MigrateAsync(ct).ConfigureAwait(false);
}
