using System.Text.Json.Nodes;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;
using Fleetboot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Fleetboot.Storage.Tests.Sqlite;

public sealed class SqliteMachineStoreTests : DatabaseTest
{
    private SqliteMachineStore Store => Db.Machines();

    internal static Machine NewMachine(string id, params string[] macs) => new()
    {
        Id = id,
        Macs = macs.Select(MacAddress.Parse).ToArray(),
        Token = "token-" + id,
    };

    private static Machine FullMachine() => new()
    {
        Id = "m-full",
        Macs = [MacAddress.Parse("52:54:00:00:00:01"), MacAddress.Parse("52:54:00:00:00:03"), MacAddress.Parse("52:54:00:00:00:02")],
        Uuid = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
        Hostname = "Node-01.lab",
        Serial = "SN-123",
        StaticIp = "10.0.0.21",
        Arch = CpuArchitecture.Arm64,
        Firmware = FirmwareKind.Uefi,
        Role = "worker",
        Labels = new Dictionary<string, string> { ["rack"] = "r1", ["zone"] = "east", ["empty"] = "" },
        Features = ["gpu", "sriov", "gpu-2"],
        Specs = new JsonObject { ["cpus"] = 64, ["disks"] = new JsonArray("nvme0n1", "nvme1n1") },
        Metadata = new JsonObject { ["ntp"] = "pool.ntp.org", ["nested"] = new JsonObject { ["x"] = 1.5, ["y"] = null, ["z"] = true } },
        ProfileId = "flatcar",
        State = MachineState.Installing,
        Token = "s3cret",
        CreatedAt = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(5.5)).AddTicks(1),
        UpdatedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(9_999_999),
    };

    private static void ShouldEqualMachine(Machine actual, Machine expected)
    {
        actual.Id.ShouldBe(expected.Id);
        actual.Macs.ShouldBe(expected.Macs);
        actual.Uuid.ShouldBe(expected.Uuid);
        actual.Hostname.ShouldBe(expected.Hostname);
        actual.Serial.ShouldBe(expected.Serial);
        actual.StaticIp.ShouldBe(expected.StaticIp);
        actual.Arch.ShouldBe(expected.Arch);
        actual.Firmware.ShouldBe(expected.Firmware);
        actual.Role.ShouldBe(expected.Role);
        actual.Labels.OrderBy(kv => kv.Key).ShouldBe(expected.Labels.OrderBy(kv => kv.Key));
        actual.Features.ShouldBe(expected.Features);
        JsonNode.DeepEquals(actual.Specs, expected.Specs).ShouldBeTrue();
        JsonNode.DeepEquals(actual.Metadata, expected.Metadata).ShouldBeTrue();
        actual.ProfileId.ShouldBe(expected.ProfileId);
        actual.State.ShouldBe(expected.State);
        actual.Token.ShouldBe(expected.Token);
    }

    [Fact]
    public async Task AddAsync_FullMachine_RoundTripsEveryField()
    {
        var machine = FullMachine();
        await Store.AddAsync(machine, Ct);

        var stored = await Store.GetAsync(machine.Id, Ct);

        stored.ShouldNotBeNull();
        ShouldEqualMachine(stored, machine);
        stored.CreatedAt.ShouldBe(machine.CreatedAt);
        stored.UpdatedAt.ShouldBe(machine.UpdatedAt);
    }

    [Fact]
    public async Task AddAsync_StampsLeftAtDefault_StampedFromTheStoresClock()
    {
        await Store.AddAsync(NewMachine("m1", "aa:bb:cc:dd:ee:01"), Ct);

        var stored = await Store.GetAsync("m1", Ct);

        stored!.CreatedAt.ShouldBe(Db.Time.GetUtcNow());
        stored.UpdatedAt.ShouldBe(Db.Time.GetUtcNow());
    }

    [Fact]
    public async Task AddAsync_MinimalMachine_RoundTripsDefaults()
    {
        await Store.AddAsync(NewMachine("m1", "aa:bb:cc:dd:ee:01"), Ct);

        var stored = await Store.GetAsync("m1", Ct);

        stored.ShouldNotBeNull();
        ShouldEqualMachine(stored, NewMachine("m1", "aa:bb:cc:dd:ee:01"));
        stored.Specs.ShouldBeNull();
        stored.Metadata.ShouldBeNull();
        stored.Labels.ShouldBeEmpty();
        stored.Features.ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateAsync_ExistingMachine_KeepsFirstCreatedAtAndStoresGivenUpdatedAt()
    {
        var created = Db.Time.GetUtcNow();
        await Store.AddAsync(NewMachine("m1", "aa:bb:cc:dd:ee:01"), Ct);
        Db.Time.Advance(TimeSpan.FromMinutes(5));

        var updated = await Store.UpdateAsync(NewMachine("m1", "aa:bb:cc:dd:ee:01") with
        {
            State = MachineState.Installed, CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = created.AddHours(1),
        }, Ct);
        await Store.UpdateAsync(NewMachine("m2", "aa:bb:cc:dd:ee:02"), Ct);

        updated.ShouldBeTrue();
        var stored = await Store.GetAsync("m1", Ct);
        stored!.State.ShouldBe(MachineState.Installed);
        stored.CreatedAt.ShouldBe(created);
        stored.UpdatedAt.ShouldBe(created.AddHours(1));
        (await Store.UpdateAsync(stored with { UpdatedAt = default }, Ct)).ShouldBeTrue();
        (await Store.GetAsync("m1", Ct))!.UpdatedAt.ShouldBe(created.AddMinutes(5));
    }

    [Fact]
    public async Task UpdateAsync_UnknownId_ReturnsFalseAndStoresNothing()
    {
        var updated = await Store.UpdateAsync(NewMachine("ghost", "aa:bb:cc:dd:ee:01"), Ct);

        updated.ShouldBeFalse();
        (await Store.GetAsync("ghost", Ct)).ShouldBeNull();
        (await Store.FindByMacAsync(MacAddress.Parse("aa:bb:cc:dd:ee:01"), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task FindByMacAsync_SecondaryMac_ReturnsMachineWithAllMacsInOrder()
    {
        var machine = FullMachine();
        await Store.AddAsync(machine, Ct);

        var found = await Store.FindByMacAsync(MacAddress.Parse("52-54-00-00-00-03"), Ct);

        found.ShouldNotBeNull();
        found.Id.ShouldBe("m-full");
        found.Macs.ShouldBe(machine.Macs);
        found.PrimaryMac.ShouldBe(MacAddress.Parse("52:54:00:00:00:01"));
    }

    [Fact]
    public async Task FindByMacAsync_UnknownMac_ReturnsNull()
    {
        await Store.AddAsync(FullMachine(), Ct);

        (await Store.FindByMacAsync(MacAddress.Parse("52:54:00:00:00:09"), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task FindByHostnameAsync_DifferentCase_ReturnsMachine()
    {
        await Store.AddAsync(FullMachine(), Ct);

        (await Store.FindByHostnameAsync("NODE-01.LAB", Ct))!.Id.ShouldBe("m-full");
        (await Store.FindByHostnameAsync("node-02.lab", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task FindByUuidAsync_KnownUuid_ReturnsMachine()
    {
        await Store.AddAsync(FullMachine(), Ct);

        (await Store.FindByUuidAsync(Guid.Parse("6F9619FF-8B86-D011-B42D-00C04FC964FF"), Ct))!.Id.ShouldBe("m-full");
        (await Store.FindByUuidAsync(Guid.NewGuid(), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task FindByIpAsync_KnownStaticIp_ReturnsMachine()
    {
        await Store.AddAsync(FullMachine(), Ct);

        (await Store.FindByIpAsync("10.0.0.21", Ct))!.Id.ShouldBe("m-full");
        (await Store.FindByIpAsync("10.0.0.22", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task AddAsync_DuplicateId_ThrowsConflictNamingHolder()
    {
        await Store.AddAsync(NewMachine("m1", "aa:bb:cc:dd:ee:01"), Ct);

        var ex = await Should.ThrowAsync<UniqueConflictException>(() => Store.AddAsync(NewMachine("m1", "aa:bb:cc:dd:ee:02"), Ct));

        (ex.Field, ex.Value, ex.HolderId).ShouldBe(("id", "m1", "m1"));
        (await Store.FindByMacAsync(MacAddress.Parse("aa:bb:cc:dd:ee:02"), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task AddAsync_MacHeldByAnotherMachine_ThrowsConflictNamingHolder()
    {
        await Store.AddAsync(NewMachine("holder", "aa:bb:cc:dd:ee:01", "aa:bb:cc:dd:ee:02"), Ct);

        var ex = await Should.ThrowAsync<UniqueConflictException>(
            () => Store.AddAsync(NewMachine("newcomer", "aa:bb:cc:dd:ee:03", "AA:BB:CC:DD:EE:02"), Ct));

        (ex.Field, ex.Value, ex.HolderId).ShouldBe(("macs", "aa:bb:cc:dd:ee:02", "holder"));
        (await Store.GetAsync("newcomer", Ct)).ShouldBeNull();
        (await Store.FindByMacAsync(MacAddress.Parse("aa:bb:cc:dd:ee:03"), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task AddAsync_HostnameHeldInOtherCase_ThrowsConflictNamingHolder()
    {
        await Store.AddAsync(NewMachine("holder", "aa:bb:cc:dd:ee:01") with { Hostname = "web-1" }, Ct);

        var ex = await Should.ThrowAsync<UniqueConflictException>(
            () => Store.AddAsync(NewMachine("newcomer", "aa:bb:cc:dd:ee:02") with { Hostname = "WEB-1" }, Ct));

        (ex.Field, ex.Value, ex.HolderId).ShouldBe(("hostname", "WEB-1", "holder"));
    }

    [Fact]
    public async Task AddAsync_UuidHeldByAnotherMachine_ThrowsConflictNamingHolder()
    {
        var uuid = Guid.NewGuid();
        await Store.AddAsync(NewMachine("holder", "aa:bb:cc:dd:ee:01") with { Uuid = uuid }, Ct);

        var ex = await Should.ThrowAsync<UniqueConflictException>(
            () => Store.AddAsync(NewMachine("newcomer", "aa:bb:cc:dd:ee:02") with { Uuid = uuid }, Ct));

        (ex.Field, ex.Value, ex.HolderId).ShouldBe(("uuid", uuid.ToString("D"), "holder"));
    }

    [Fact]
    public async Task AddAsync_StaticIpHeldByAnotherMachine_ThrowsConflictNamingHolder()
    {
        await Store.AddAsync(NewMachine("holder", "aa:bb:cc:dd:ee:01") with { StaticIp = "10.1.1.1" }, Ct);

        var ex = await Should.ThrowAsync<UniqueConflictException>(
            () => Store.AddAsync(NewMachine("newcomer", "aa:bb:cc:dd:ee:02") with { StaticIp = "10.1.1.1" }, Ct));

        (ex.Field, ex.Value, ex.HolderId).ShouldBe(("staticIp", "10.1.1.1", "holder"));
    }

    [Fact]
    public async Task AddAsync_ManyMachinesWithoutOptionalUniqueValues_DoNotCollide()
    {
        for (var i = 0; i < 5; i++)
            await Store.AddAsync(NewMachine($"m{i}", $"aa:bb:cc:dd:ee:0{i}"), Ct);

        (await Store.ListAsync(new MachineQuery(), Ct)).Total.ShouldBe(5);
    }

    [Fact]
    public async Task AddAsync_NoMacs_ThrowsArgumentException()
    {
        await Should.ThrowAsync<ArgumentException>(() => Store.AddAsync(NewMachine("m1"), Ct));
        await Should.ThrowAsync<ArgumentException>(() => Store.AddAsync(NewMachine("m1", "aa:bb:cc:dd:ee:01", "aa:bb:cc:dd:ee:01"), Ct));
    }

    [Fact]
    public async Task UpdateAsync_TakesAnotherMachinesMac_ThrowsConflictAndLeavesBothUnchanged()
    {
        await Store.AddAsync(NewMachine("a", "aa:bb:cc:dd:ee:01"), Ct);
        await Store.AddAsync(NewMachine("b", "aa:bb:cc:dd:ee:02") with { Role = "before" }, Ct);

        var ex = await Should.ThrowAsync<UniqueConflictException>(
            () => Store.UpdateAsync(NewMachine("b", "aa:bb:cc:dd:ee:02", "aa:bb:cc:dd:ee:01") with { Role = "after" }, Ct));

        (ex.Field, ex.Value, ex.HolderId).ShouldBe(("macs", "aa:bb:cc:dd:ee:01", "a"));
        (await Store.GetAsync("b", Ct))!.Role.ShouldBe("before");
        (await Store.FindByMacAsync(MacAddress.Parse("aa:bb:cc:dd:ee:01"), Ct))!.Id.ShouldBe("a");
    }

    [Fact]
    public async Task UpdateAsync_TakesAnotherMachinesHostnameUuidOrIp_ThrowsConflictNamingHolder()
    {
        var uuid = Guid.NewGuid();
        await Store.AddAsync(NewMachine("a", "aa:bb:cc:dd:ee:01") with { Hostname = "a.lab", Uuid = uuid, StaticIp = "10.0.0.1" }, Ct);
        await Store.AddAsync(NewMachine("b", "aa:bb:cc:dd:ee:02"), Ct);

        (await Should.ThrowAsync<UniqueConflictException>(() => Store.UpdateAsync(NewMachine("b", "aa:bb:cc:dd:ee:02") with { Hostname = "A.LAB" }, Ct)))
            .ShouldSatisfyAllConditions(e => e.Field.ShouldBe("hostname"), e => e.HolderId.ShouldBe("a"));
        (await Should.ThrowAsync<UniqueConflictException>(() => Store.UpdateAsync(NewMachine("b", "aa:bb:cc:dd:ee:02") with { Uuid = uuid }, Ct)))
            .ShouldSatisfyAllConditions(e => e.Field.ShouldBe("uuid"), e => e.HolderId.ShouldBe("a"));
        (await Should.ThrowAsync<UniqueConflictException>(() => Store.UpdateAsync(NewMachine("b", "aa:bb:cc:dd:ee:02") with { StaticIp = "10.0.0.1" }, Ct)))
            .ShouldSatisfyAllConditions(e => e.Field.ShouldBe("staticIp"), e => e.HolderId.ShouldBe("a"));
    }

    [Fact]
    public async Task UpdateAsync_OwnValuesAndReorderedMacs_SucceedsAndFreesDroppedMac()
    {
        await Store.AddAsync(NewMachine("a", "aa:bb:cc:dd:ee:01", "aa:bb:cc:dd:ee:02") with
        {
            Hostname = "a.lab", Uuid = Guid.NewGuid(), StaticIp = "10.0.0.1",
            Labels = new Dictionary<string, string> { ["rack"] = "r1", ["old"] = "x" },
        }, Ct);
        var before = await Store.GetAsync("a", Ct);

        (await Store.UpdateAsync(before! with
        {
            Hostname = "A.lab",
            Macs = [MacAddress.Parse("aa:bb:cc:dd:ee:03"), MacAddress.Parse("aa:bb:cc:dd:ee:01")],
            Labels = new Dictionary<string, string> { ["rack"] = "r2" },
        }, Ct)).ShouldBeTrue();

        var after = await Store.GetAsync("a", Ct);
        after!.Hostname.ShouldBe("A.lab");
        after.Macs.ShouldBe([MacAddress.Parse("aa:bb:cc:dd:ee:03"), MacAddress.Parse("aa:bb:cc:dd:ee:01")]);
        after.Labels.ShouldBe(new Dictionary<string, string> { ["rack"] = "r2" });
        (await Store.FindByMacAsync(MacAddress.Parse("aa:bb:cc:dd:ee:02"), Ct)).ShouldBeNull();
        (await Store.FindByMacAsync(MacAddress.Parse("aa:bb:cc:dd:ee:03"), Ct))!.Id.ShouldBe("a");
        await Store.AddAsync(NewMachine("b", "aa:bb:cc:dd:ee:02"), Ct);
    }

    [Fact]
    public async Task RemoveAsync_ExistingMachine_FreesMacsHostnameAndLabels()
    {
        await Store.AddAsync(NewMachine("a", "aa:bb:cc:dd:ee:01") with { Hostname = "a.lab", Labels = new Dictionary<string, string> { ["rack"] = "r1" } }, Ct);

        (await Store.RemoveAsync("a", Ct)).ShouldBeTrue();
        (await Store.RemoveAsync("a", Ct)).ShouldBeFalse();

        (await Store.GetAsync("a", Ct)).ShouldBeNull();
        (await Store.FindByMacAsync(MacAddress.Parse("aa:bb:cc:dd:ee:01"), Ct)).ShouldBeNull();
        Convert.ToInt64(Db.Scalar("SELECT COUNT(*) FROM machine_labels")).ShouldBe(0);
        Convert.ToInt64(Db.Scalar("SELECT COUNT(*) FROM machine_macs")).ShouldBe(0);
        await Store.AddAsync(NewMachine("b", "aa:bb:cc:dd:ee:01") with { Hostname = "a.lab" }, Ct);
    }

    [Theory]
    [InlineData("INSERT INTO machines (id, hostname, state, created_at, updated_at, doc) VALUES ('x', 'WEB-1', 'Registered', '', '', '{}')")]
    [InlineData("INSERT INTO machines (id, uuid, state, created_at, updated_at, doc) VALUES ('x', 'u', 'Registered', '', '', '{}')")]
    [InlineData("INSERT INTO machines (id, static_ip, state, created_at, updated_at, doc) VALUES ('x', '10.0.0.1', 'Registered', '', '', '{}')")]
    [InlineData("INSERT INTO machine_macs (mac, machine_id, position) VALUES ('aa:bb:cc:dd:ee:01', 'a', 5)")]
    [InlineData("INSERT INTO machine_macs (mac, machine_id, position) VALUES ('aa:bb:cc:dd:ee:09', 'nobody', 0)")]
    public async Task Schema_WriteBypassingTheStore_IsRejectedByTheDatabase(string sql)
    {
        await Store.AddAsync(NewMachine("a", "aa:bb:cc:dd:ee:01") with { Hostname = "web-1", Uuid = null, StaticIp = "10.0.0.1" }, Ct);
        Db.Scalar("UPDATE machines SET uuid = 'u' WHERE id = 'a'");

        var ex = Should.Throw<SqliteException>(() => Db.Scalar(sql));

        ex.SqliteErrorCode.ShouldBe(19); // SQLITE_CONSTRAINT
    }

    [Fact]
    public async Task RecordActivityAsync_NewerStamp_MovesOnlyTheStampAndKeepsALaterStateChange()
    {
        var store = Store;
        await store.AddAsync(FullMachine(), Ct);
        await store.AddAsync(NewMachine("m-other", "52:54:00:00:00:09"), Ct);
        var readBefore = (await store.GetAsync("m-full", Ct))!;
        await store.UpdateAsync(readBefore with { State = MachineState.Installed, StateReason = "done" }, Ct);
        var at = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567);

        var moved = await store.RecordActivityAsync(new Dictionary<string, DateTimeOffset> { ["m-full"] = at, ["m-gone"] = at }, Ct);

        moved.ShouldBe(1);
        var after = (await store.GetAsync("m-full", Ct))!;
        after.LastActivityAt.ShouldBe(at);
        (after.State, after.StateReason, after.Hostname, after.Token).ShouldBe((MachineState.Installed, "done", "Node-01.lab", "s3cret"));
        after.Metadata!.ToJsonString().ShouldBe(FullMachine().Metadata!.ToJsonString());
        (await store.GetAsync("m-other", Ct))!.LastActivityAt.ShouldBeNull();
    }

    [Fact]
    public async Task RecordActivityAsync_OlderOrEqualStamp_LeavesTheNewerOne()
    {
        var store = Store;
        await store.AddAsync(NewMachine("m1", "52:54:00:00:00:01"), Ct);
        var newer = new DateTimeOffset(2025, 6, 1, 12, 0, 30, TimeSpan.Zero);
        await store.RecordActivityAsync(new Dictionary<string, DateTimeOffset> { ["m1"] = newer }, Ct);

        var older = newer.ToOffset(TimeSpan.FromHours(2)).AddSeconds(-10);
        (await store.RecordActivityAsync(new Dictionary<string, DateTimeOffset> { ["m1"] = older }, Ct)).ShouldBe(0);
        (await store.RecordActivityAsync(new Dictionary<string, DateTimeOffset> { ["m1"] = newer }, Ct)).ShouldBe(0);

        (await store.GetAsync("m1", Ct))!.LastActivityAt.ShouldBe(newer);
    }
}
