using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;
using Fleetboot.Storage.Tests.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Fleetboot.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _directory = Path.Combine(TemporaryDatabase.NewDirectory(), "nested", "data");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var root = Path.GetFullPath(Path.Combine(_directory, "..", ".."));
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task AddFleetbootSqlite_InitializedHost_ResolvesWorkingSingletonStores()
    {
        var time = new ManualTimeProvider();
        await using var provider = new ServiceCollection().AddSingleton<TimeProvider>(time).AddFleetbootSqlite(_directory).BuildServiceProvider();

        await provider.GetRequiredService<IStorageInitializer>().InitializeAsync(Ct);

        File.Exists(Path.Combine(_directory, "fleetboot.db")).ShouldBeTrue();
        await provider.GetRequiredService<IStorageHealth>().CheckAsync(Ct);
        provider.GetRequiredService<IMachineStore>().ShouldBeSameAs(provider.GetRequiredService<IMachineStore>());
        foreach (var type in new[] { typeof(IProfileStore), typeof(IGroupStore), typeof(ITemplateStore), typeof(IMacReservationStore), typeof(IBootEventStore) })
            provider.GetRequiredService(type).ShouldNotBeNull();
        var machines = provider.GetRequiredService<IMachineStore>();
        await machines.AddAsync(new Machine { Id = "m1", Macs = [MacAddress.Parse("52:54:00:00:00:01")], Token = "t" }, Ct);
        (await machines.GetAsync("m1", Ct))!.CreatedAt.ShouldBe(time.GetUtcNow());
    }

    [Fact]
    public async Task CheckAsync_BeforeInitialization_ThrowsWithReason()
    {
        await using var provider = new ServiceCollection().AddFleetbootSqlite(_directory).BuildServiceProvider();
        Directory.CreateDirectory(_directory);

        var ex = await Should.ThrowAsync<InvalidOperationException>(() => provider.GetRequiredService<IStorageHealth>().CheckAsync(Ct));

        ex.Message.ShouldContain("fleetboot.db");
    }

    [Fact]
    public async Task CheckAsync_UnreachableDirectory_ThrowsWithReason()
    {
        await using var provider = new ServiceCollection().AddFleetbootSqlite(Path.Combine(_directory, "does-not-exist")).BuildServiceProvider();

        var ex = await Should.ThrowAsync<InvalidOperationException>(() => provider.GetRequiredService<IStorageHealth>().CheckAsync(Ct));

        ex.Message.ShouldContain("unreachable");
    }
}
