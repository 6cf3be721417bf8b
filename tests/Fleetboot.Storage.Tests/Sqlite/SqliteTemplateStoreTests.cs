namespace Fleetboot.Storage.Tests.Sqlite;

public sealed class SqliteTemplateStoreTests : DatabaseTest
{
    [Fact]
    public async Task AddVersionAsync_Repeated_NumbersFromOnePerNameAndStampsCreatedAt()
    {
        var store = Db.Templates();

        var v1 = await store.AddVersionAsync("ipxe", "#!ipxe\necho 1", Ct);
        Db.Time.Advance(TimeSpan.FromMinutes(1));
        var v2 = await store.AddVersionAsync("ipxe", "#!ipxe\necho 2", Ct);
        var other = await store.AddVersionAsync("grub", "menuentry", Ct);

        (v1.Name, v1.Version, v1.Content).ShouldBe(("ipxe", 1, "#!ipxe\necho 1"));
        (v2.Version, v2.CreatedAt).ShouldBe((2, Db.Time.GetUtcNow()));
        v1.CreatedAt.ShouldBe(Db.Time.GetUtcNow().AddMinutes(-1));
        other.Version.ShouldBe(1);
    }

    [Fact]
    public async Task GetCurrentAsync_SeveralVersions_ReturnsHighest()
    {
        var store = Db.Templates();
        await store.AddVersionAsync("ipxe", "one", Ct);
        await store.AddVersionAsync("ipxe", "two", Ct);

        var current = await store.GetCurrentAsync("ipxe", Ct);

        (current!.Version, current.Content).ShouldBe((2, "two"));
        (await store.GetCurrentAsync("unknown", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task GetHistoryAsync_SeveralVersions_ReturnsAllOldestFirst()
    {
        var store = Db.Templates();
        foreach (var content in new[] { "a", "b", "c" }) await store.AddVersionAsync("kickstart", content, Ct);
        await store.AddVersionAsync("other", "x", Ct);

        var history = await store.GetHistoryAsync("kickstart", Ct);

        history.Select(v => (v.Version, v.Content)).ShouldBe([(1, "a"), (2, "b"), (3, "c")]);
        (await store.GetHistoryAsync("unknown", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListCurrentAsync_SeveralNames_ReturnsNewestOfEachByName()
    {
        var store = Db.Templates();
        await store.AddVersionAsync("ipxe", "i1", Ct);
        await store.AddVersionAsync("grub", "g1", Ct);
        await store.AddVersionAsync("ipxe", "i2", Ct);

        var current = await store.ListCurrentAsync(Ct);

        current.Select(v => (v.Name, v.Version, v.Content)).ShouldBe([("grub", 1, "g1"), ("ipxe", 2, "i2")]);
    }

    [Fact]
    public async Task RemoveAsync_ExistingName_DeletesEveryVersionAndNumberingRestarts()
    {
        var store = Db.Templates();
        await store.AddVersionAsync("ipxe", "one", Ct);
        await store.AddVersionAsync("ipxe", "two", Ct);

        (await store.RemoveAsync("ipxe", Ct)).ShouldBeTrue();
        (await store.RemoveAsync("ipxe", Ct)).ShouldBeFalse();

        (await store.GetCurrentAsync("ipxe", Ct)).ShouldBeNull();
        (await store.GetHistoryAsync("ipxe", Ct)).ShouldBeEmpty();
        (await store.AddVersionAsync("ipxe", "again", Ct)).Version.ShouldBe(1);
    }

    [Fact]
    public async Task AddVersionAsync_ParallelWriters_AssignEveryVersionExactlyOnce()
    {
        var store = Db.Templates();
        // A second storage instance on the same file has its own write lock: only the database serialises the two.
        using var otherProcess = new Fleetboot.Storage.Sqlite.SqliteStorage(Db.Directory);
        var otherStore = new Fleetboot.Storage.Sqlite.SqliteTemplateStore(otherProcess, Db.Time);

        var versions = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => (i % 2 == 0 ? store : otherStore).AddVersionAsync("race", $"content {i}", Ct), Ct)));

        versions.Select(v => v.Version).Order().ShouldBe(Enumerable.Range(1, 40));
        (await store.GetHistoryAsync("race", Ct)).Count.ShouldBe(40);
    }
}
