using System.Diagnostics;
using System.Net;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Machines;

namespace Fleetboot.Storage.Tests.Sqlite;

/// <summary>The lease store that <see cref="Fleetboot.Storage.Sqlite.SqliteStorage.OpenLeaseStore"/> opens takes turns with the storage's writers.</summary>
public sealed class SqliteLeaseStoreSharingTests() : DatabaseTest
{
    private static readonly DhcpLease Lease = new(IPAddress.Parse("10.9.0.100"), "01525400123456", MacAddress.Parse("52:54:00:12:34:56"), "lab",
        DateTimeOffset.FromUnixTimeMilliseconds(1000), DateTimeOffset.FromUnixTimeMilliseconds(3601000), DhcpLeaseState.Active, null);

    [Fact]
    public async Task SaveAsync_WhileTheStorageWrites_WaitsItsTurnWithoutBlockingTheCaller()
    {
        await using var leases = Db.Storage.OpenLeaseStore();
        var writing = new TaskCompletionSource();
        using var release = new ManualResetEventSlim();
        var write = Task.Run(() => Db.Storage.WriteAsync((_, _) => { writing.SetResult(); release.Wait(Ct); return 0; }, Ct), Ct);
        await writing.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // A store of its own would run into the storage's open transaction: SQLITE_BUSY, retried on this thread for seconds.
        var clock = Stopwatch.StartNew();
        var save = leases.SaveAsync([Lease], Ct);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
        save.IsCompleted.ShouldBeFalse();

        release.Set();
        await write;
        await save.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        (await leases.LoadAsync(Ct)).ShouldHaveSingleItem().ShouldBe(Lease);
    }
}
