using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Validation;

namespace Fleetboot.Dhcp.Tests.Core;

public sealed class DhcpSubnetCatalogTests
{
    private sealed class MemorySubnetStore : IDhcpSubnetStore
    {
        public Dictionary<string, DhcpSubnetOptions> Rows { get; } = [];

        public Task<IReadOnlyList<DhcpSubnetOptions>> ListAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<DhcpSubnetOptions>>([.. Rows.Values]);

        public Task SaveAsync(DhcpSubnetOptions subnet, CancellationToken ct)
        {
            Rows[subnet.Name] = subnet;
            return Task.CompletedTask;
        }

        public Task<bool> RemoveAsync(string name, CancellationToken ct) => Task.FromResult(Rows.Remove(name));
    }

    private static readonly DhcpSubnetOptions Lab = new() { Name = "lab", Network = "10.9.0.0/24", Pools = ["10.9.0.100-10.9.0.200"] };

    [Fact]
    public async Task CreateAsync_PoolOutsideNetwork_ThrowsValidationNamingPools()
    {
        var store = new MemorySubnetStore();
        using var catalog = new DhcpSubnetCatalog([], store);

        var e = await Should.ThrowAsync<ValidationException>(() => catalog.CreateAsync(Lab with { Pools = ["10.8.0.1-10.8.0.9"] }, TestContext.Current.CancellationToken));

        e.Errors.ShouldHaveSingleItem().Field.ShouldBe("pools");
        store.Rows.ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateAsync_ConfigSubnet_ThrowsConflictAndSubscribersSeeNothing()
    {
        using var catalog = new DhcpSubnetCatalog([Lab], new MemorySubnetStore());
        var published = 0;
        catalog.Subscribe(_ => published++);

        var e = await Should.ThrowAsync<DhcpSubnetConflictException>(() => catalog.UpdateAsync(Lab with { Pools = ["10.9.0.5-10.9.0.9"] }, TestContext.Current.CancellationToken));

        e.Errors.ShouldHaveSingleItem().Message.ShouldContain("configuration file");
        published.ShouldBe(0);
    }

    [Fact]
    public async Task LoadAsync_StoredSubnetNamedLikeConfigOne_ConfigWins()
    {
        var store = new MemorySubnetStore();
        await store.SaveAsync(Lab with { Network = "10.50.0.0/24", Pools = ["10.50.0.5-10.50.0.9"] }, TestContext.Current.CancellationToken);
        await store.SaveAsync(Lab with { Name = "other", Network = "10.60.0.0/24", Pools = ["10.60.0.5-10.60.0.9"] }, TestContext.Current.CancellationToken);
        using var catalog = new DhcpSubnetCatalog([Lab], store);

        var all = await catalog.ListAsync(TestContext.Current.CancellationToken);

        all.Select(e => (e.Subnet.Name, e.Subnet.Network, e.Source)).ShouldBe([("lab", "10.9.0.0/24", DhcpSubnetSource.Config), ("other", "10.60.0.0/24", DhcpSubnetSource.Api)]);
    }

    [Fact]
    public async Task CreateAsync_Valid_StoresAndPublishesWholeSet()
    {
        var store = new MemorySubnetStore();
        using var catalog = new DhcpSubnetCatalog([Lab], store);
        IReadOnlyList<DhcpSubnetOptions>? published = null;
        catalog.Subscribe(s => published = s);

        await catalog.CreateAsync(Lab with { Name = "far", Network = "10.20.0.0/24", Pools = ["10.20.0.5-10.20.0.9"] }, TestContext.Current.CancellationToken);

        published!.Select(s => s.Name).ShouldBe(["lab", "far"]);
        store.Rows.Keys.ShouldBe(["far"]);
    }
}
