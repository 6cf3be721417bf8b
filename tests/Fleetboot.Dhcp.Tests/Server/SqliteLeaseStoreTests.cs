using System.Net;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Machines;
using Fleetboot.Storage.Sqlite.Leases;

namespace Fleetboot.Dhcp.Tests.Server;

public sealed class SqliteLeaseStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fleetboot-leases-{Guid.NewGuid():N}");

    [Fact]
    public async Task SaveAsync_ThenReopen_LoadsSameLeasesAndUpserts()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var a = new DhcpLease(IPAddress.Parse("10.9.0.100"), "01525400123456", MacAddress.Parse("52:54:00:12:34:56"), "lab", now, now.AddHours(1), DhcpLeaseState.Active, "node1");
        var b = a with { Address = IPAddress.Parse("10.9.0.101"), ClientId = "ff01", State = DhcpLeaseState.Declined, HostName = null };
        var connectionString = await MigratedDatabase.CreateAsync(_directory, TestContext.Current.CancellationToken);
        await using (var store = await SqliteLeaseStore.OpenAsync(connectionString, TestContext.Current.CancellationToken))
        {
            await store.SaveAsync([a, b], TestContext.Current.CancellationToken);
            await store.SaveAsync([a with { Expires = now.AddHours(5) }], TestContext.Current.CancellationToken);
        }
        await using (var reopened = await SqliteLeaseStore.OpenAsync(connectionString, TestContext.Current.CancellationToken))
        {
            var leases = (await reopened.LoadAsync(TestContext.Current.CancellationToken)).OrderBy(l => l.Address.ToString()).ToList();
            leases.Count.ShouldBe(2);
            leases[0].ShouldBe(a with { Expires = now.AddHours(5) });
            leases[1].ShouldBe(b);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
