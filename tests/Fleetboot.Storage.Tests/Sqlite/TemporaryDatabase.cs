using Fleetboot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleetboot.Storage.Tests.Sqlite;

/// <summary>A migrated SQLite database in its own temporary directory, deleted on dispose.</summary>
internal sealed class TemporaryDatabase : IDisposable
{
    private TemporaryDatabase(string directory, ManualTimeProvider time)
    {
        Directory = directory;
        Time = time;
        Storage = new SqliteStorage(directory);
    }

    public string Directory { get; }

    public ManualTimeProvider Time { get; }

    public SqliteStorage Storage { get; private set; }

    public static string NewDirectory() =>
        Path.Combine(Path.GetTempPath(), "fleetboot-storage-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A database in a fresh directory (not yet created on disk), migrated unless told otherwise.</summary>
    public static async Task<TemporaryDatabase> CreateAsync(bool migrate = true)
    {
        var database = new TemporaryDatabase(NewDirectory(), new ManualTimeProvider());
        if (migrate) await database.Migrator().MigrateAsync(TestContext.Current.CancellationToken);
        return database;
    }

    public SqliteMigrator Migrator() => new(Storage, Time, NullLogger<SqliteMigrator>.Instance);

    public SqliteMachineStore Machines() => new(Storage, Time);

    public SqliteProfileStore Profiles() => new(Storage, Time);

    public SqliteGroupStore Groups() => new(Storage, Time);

    public SqliteTemplateStore Templates() => new(Storage, Time);

    public SqliteMacReservationStore Reservations() => new(Storage, Time);

    public SqliteBootEventStore Events() => new(Storage);

    /// <summary>Closes every pooled connection to the file and starts over with a new <see cref="SqliteStorage"/>, as a restart would.</summary>
    public void Reopen()
    {
        Storage.Dispose();
        SqliteConnection.ClearAllPools();
        Storage = new SqliteStorage(Directory);
    }

    /// <summary>Runs one statement on a fresh connection and returns the first column of the first row.</summary>
    public object? Scalar(string sql)
    {
        using var connection = Storage.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        Storage.Dispose();
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}
