using Fleetboot.Core.Abstractions;
using Fleetboot.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fleetboot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers every store on the SQLite database <c>{dataDirectory}/fleetboot.db</c>, as singletons, plus
    /// <see cref="IStorageInitializer"/>, which the host must await before it starts listeners (it creates the
    /// directory and applies migrations). Uses the registered <see cref="TimeProvider"/>, or the system clock.
    /// </summary>
    public static IServiceCollection AddFleetbootSqlite(this IServiceCollection services, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new SqliteStorage(dataDirectory));
        services.AddSingleton(sp => new SqliteMigrator(
            sp.GetRequiredService<SqliteStorage>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SqliteMigrator>>() ?? NullLogger<SqliteMigrator>.Instance));
        services.AddSingleton<IStorageInitializer, SqliteStorageInitializer>();
        services.AddSingleton<IStorageHealth, SqliteStorageHealth>();
        services.AddSingleton<IMachineStore, SqliteMachineStore>();
        services.AddSingleton<IProfileStore, SqliteProfileStore>();
        services.AddSingleton<IGroupStore, SqliteGroupStore>();
        services.AddSingleton<ITemplateStore, SqliteTemplateStore>();
        services.AddSingleton<IMacReservationStore, SqliteMacReservationStore>();
        services.AddSingleton<IBootEventStore, SqliteBootEventStore>();
        services.AddSingleton<IMachineDataStore, SqliteMachineDataStore>();
        services.AddSingleton<IDhcpSubnetStore, Sqlite.Subnets.SqliteDhcpSubnetStore>();
        return services;
    }

    /// <summary>
    /// Adds the DHCP lease store (<see cref="ILeaseStore"/>) on the database of <see cref="AddFleetbootSqlite"/>, sharing
    /// its in-process write lock, so lease commits and timeline writes take turns instead of retrying on SQLITE_BUSY.
    /// </summary>
    public static IServiceCollection AddFleetbootSqliteLeases(this IServiceCollection services) =>
        services.AddSingleton<ILeaseStore>(sp => sp.GetRequiredService<SqliteStorage>().OpenLeaseStore());
}
