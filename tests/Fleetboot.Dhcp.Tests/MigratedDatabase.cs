using Fleetboot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Fleetboot.Dhcp.Tests;

/// <summary>A Fleetboot database with every schema migration applied, as <c>fleetboot serve</c> leaves it at start-up.</summary>
internal static class MigratedDatabase
{
    /// <returns>A connection string for <c>{directory}/fleetboot.db</c>, without pooling so files can be deleted afterwards.</returns>
    public static async Task<string> CreateAsync(string directory, CancellationToken ct)
    {
        await using (var provider = new ServiceCollection().AddFleetbootSqlite(directory).BuildServiceProvider())
        {
            await provider.GetRequiredService<IStorageInitializer>().InitializeAsync(ct);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return $"Data Source={Path.Combine(directory, "fleetboot.db")};Pooling=False";
    }
}
