using System.Text.Json.Nodes;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Groups;
using Fleetboot.Core.Profiles;

namespace Fleetboot.Storage.Tests.Sqlite;

public sealed class SqliteProfileAndGroupStoreTests : DatabaseTest
{
    private static Profile FullProfile() => new()
    {
        Id = "flatcar",
        Description = "Flatcar stable",
        Kernel = "/assets/flatcar/vmlinuz",
        Initrds = ["/assets/flatcar/initrd.cpio.gz", "/assets/extra.cpio"],
        Args = "console=ttyS0 flatcar.first_boot=yes",
        Rootfs = "/assets/flatcar/rootfs.img",
        Configs = new Dictionary<string, string> { ["ignition"] = "{\"ignition\":{\"version\":\"3.4.0\"}}", ["kickstart"] = "text\n{{hostname}}" },
        Files = new Dictionary<string, string> { ["motd"] = "hello {{ machine.id }}" },
        Metadata = new JsonObject { ["channel"] = "stable", ["n"] = 3 },
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task ProfileAddAsync_FullProfile_RoundTripsEveryField()
    {
        var store = Db.Profiles();
        var profile = FullProfile();

        await store.AddAsync(profile, Ct);
        var stored = await store.GetAsync("flatcar", Ct);

        stored.ShouldNotBeNull();
        stored.Id.ShouldBe(profile.Id);
        stored.Description.ShouldBe(profile.Description);
        stored.Kernel.ShouldBe(profile.Kernel);
        stored.Initrds.ShouldBe(profile.Initrds);
        stored.Args.ShouldBe(profile.Args);
        stored.Rootfs.ShouldBe(profile.Rootfs);
        stored.Configs.ShouldBe(profile.Configs, ignoreOrder: true);
        stored.Files.ShouldBe(profile.Files, ignoreOrder: true);
        JsonNode.DeepEquals(stored.Metadata, profile.Metadata).ShouldBeTrue();
        stored.UpdatedAt.ShouldBe(DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public async Task ProfileAddAsync_DuplicateId_ThrowsConflictNamingHolder()
    {
        var store = Db.Profiles();
        await store.AddAsync(FullProfile(), Ct);

        var ex = await Should.ThrowAsync<UniqueConflictException>(() => store.AddAsync(new Profile { Id = "flatcar" }, Ct));

        (ex.Field, ex.Value, ex.HolderId).ShouldBe(("id", "flatcar", "flatcar"));
        (await store.GetAsync("flatcar", Ct))!.Kernel.ShouldBe("/assets/flatcar/vmlinuz");
    }

    [Fact]
    public async Task ProfileUpdateListRemove_Lifecycle_BehaveAsDocumented()
    {
        var store = Db.Profiles();
        await store.AddAsync(new Profile { Id = "zeta" }, Ct);
        await store.AddAsync(FullProfile(), Ct);
        Db.Time.Advance(TimeSpan.FromSeconds(30));

        (await store.GetAsync("zeta", Ct))!.UpdatedAt.ShouldBe(Db.Time.GetUtcNow().AddSeconds(-30));
        (await store.UpdateAsync(new Profile { Id = "zeta", Kernel = "k2" }, Ct)).ShouldBeTrue();
        (await store.UpdateAsync(new Profile { Id = "missing" }, Ct)).ShouldBeFalse();
        var zeta = await store.GetAsync("zeta", Ct);
        zeta!.Kernel.ShouldBe("k2");
        zeta.UpdatedAt.ShouldBe(Db.Time.GetUtcNow());
        zeta.Initrds.ShouldBeEmpty();
        zeta.Configs.ShouldBeEmpty();
        zeta.Metadata.ShouldBeNull();
        (await store.ListAsync(Ct)).Select(p => p.Id).ShouldBe(["flatcar", "zeta"]);

        (await store.RemoveAsync("zeta", Ct)).ShouldBeTrue();
        (await store.RemoveAsync("zeta", Ct)).ShouldBeFalse();
        (await store.GetAsync("zeta", Ct)).ShouldBeNull();
        (await store.ListAsync(Ct)).Select(p => p.Id).ShouldBe(["flatcar"]);
        (await store.GetAsync("missing", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task GroupAddAsync_FullGroup_RoundTripsEveryField()
    {
        var store = Db.Groups();
        var group = new Group
        {
            Id = "workers-east",
            Description = "East workers",
            ProfileId = "flatcar",
            Selectors = new Dictionary<string, string> { ["role"] = "worker", ["zone"] = "east", ["mac"] = "52:54:00:00:00:01" },
            Metadata = new JsonObject { ["ssh_keys"] = new JsonArray("ssh-ed25519 AAAA") },
            UpdatedAt = new DateTimeOffset(2025, 5, 5, 5, 5, 5, TimeSpan.FromHours(-7)),
        };

        await store.AddAsync(group, Ct);
        var stored = await store.GetAsync("workers-east", Ct);

        stored.ShouldNotBeNull();
        stored.Id.ShouldBe(group.Id);
        stored.Description.ShouldBe(group.Description);
        stored.ProfileId.ShouldBe(group.ProfileId);
        stored.Selectors.ShouldBe(group.Selectors, ignoreOrder: true);
        JsonNode.DeepEquals(stored.Metadata, group.Metadata).ShouldBeTrue();
        stored.UpdatedAt.ShouldBe(group.UpdatedAt);
    }

    [Fact]
    public async Task GroupAddAsync_DuplicateId_ThrowsConflictNamingHolder()
    {
        var store = Db.Groups();
        await store.AddAsync(new Group { Id = "default", ProfileId = "p" }, Ct);

        var ex = await Should.ThrowAsync<UniqueConflictException>(() => store.AddAsync(new Group { Id = "default", ProfileId = "q" }, Ct));

        (ex.Field, ex.Value, ex.HolderId).ShouldBe(("id", "default", "default"));
    }

    [Fact]
    public async Task GroupUpdateListRemove_Lifecycle_BehaveAsDocumented()
    {
        var store = Db.Groups();
        await store.AddAsync(new Group { Id = "b", ProfileId = "p1" }, Ct);
        await store.AddAsync(new Group { Id = "a", ProfileId = "p1", Selectors = new Dictionary<string, string> { ["role"] = "x" } }, Ct);
        Db.Time.Advance(TimeSpan.FromSeconds(1));

        (await store.UpdateAsync(new Group { Id = "b", ProfileId = "p2", Description = "moved" }, Ct)).ShouldBeTrue();
        (await store.UpdateAsync(new Group { Id = "missing", ProfileId = "p2" }, Ct)).ShouldBeFalse();
        var b = await store.GetAsync("b", Ct);
        (b!.ProfileId, b.Description, b.UpdatedAt).ShouldBe(("p2", "moved", Db.Time.GetUtcNow()));
        b.Selectors.ShouldBeEmpty();
        (await store.ListAsync(Ct)).Select(g => g.Id).ShouldBe(["a", "b"]);

        (await store.RemoveAsync("a", Ct)).ShouldBeTrue();
        (await store.RemoveAsync("a", Ct)).ShouldBeFalse();
        (await store.ListAsync(Ct)).Select(g => g.Id).ShouldBe(["b"]);
    }
}
