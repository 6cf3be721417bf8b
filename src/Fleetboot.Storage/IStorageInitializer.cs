namespace Fleetboot.Storage;

/// <summary>Prepares storage before anything reads or writes it: creates the data directory and applies pending migrations.</summary>
/// <remarks>The host calls this once at start-up, before it starts any listener.</remarks>
public interface IStorageInitializer
{
    /// <exception cref="SchemaVersionException">the database is newer than this build.</exception>
    Task InitializeAsync(CancellationToken ct);
}
