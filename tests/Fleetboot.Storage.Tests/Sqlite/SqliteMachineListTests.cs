using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;
using Fleetboot.Storage.Sqlite;

namespace Fleetboot.Storage.Tests.Sqlite;

public sealed class SqliteMachineListTests : DatabaseTest
{
    private SqliteMachineStore Store => Db.Machines();

    private async Task AddAsync(string id, int mac, string? hostname = null, string? role = null, string? profile = null,
        MachineState state = MachineState.Registered, params (string Key, string Value)[] labels)
    {
        await Store.AddAsync(new Machine
        {
            Id = id,
            Macs = [new MacAddress(0x5254_0000_0000UL + (ulong)mac)],
            Hostname = hostname,
            Role = role,
            ProfileId = profile,
            State = state,
            Labels = labels.ToDictionary(l => l.Key, l => l.Value),
            Token = "t",
        }, Ct);
    }

    [Fact]
    public async Task ListAsync_EachFilter_ReturnsOnlyMatchingMachines()
    {
        await AddAsync("a", 1, "a", role: "worker", profile: "flatcar", state: MachineState.Installed, ("rack", "r1"), ("zone", "east"));
        await AddAsync("b", 2, "b", role: "worker", profile: "debian", state: MachineState.Installed, ("rack", "r1"), ("zone", "west"));
        await AddAsync("c", 3, "c", role: "control", profile: "flatcar", state: MachineState.Discovered, ("rack", "r2"), ("zone", "east"));
        await AddAsync("d", 4, "d");

        async Task<string[]> Ids(MachineQuery q) => (await Store.ListAsync(q, Ct)).Items.Select(m => m.Id).ToArray();

        (await Ids(new MachineQuery())).ShouldBe(["a", "b", "c", "d"]);
        (await Ids(new MachineQuery { Role = "worker" })).ShouldBe(["a", "b"]);
        (await Ids(new MachineQuery { ProfileId = "flatcar" })).ShouldBe(["a", "c"]);
        (await Ids(new MachineQuery { State = MachineState.Installed })).ShouldBe(["a", "b"]);
        (await Ids(new MachineQuery { State = MachineState.Retired })).ShouldBeEmpty();
        (await Ids(new MachineQuery { Labels = new Dictionary<string, string> { ["zone"] = "east" } })).ShouldBe(["a", "c"]);
        (await Ids(new MachineQuery { Labels = new Dictionary<string, string> { ["zone"] = "east", ["rack"] = "r1" } })).ShouldBe(["a"]);
        (await Ids(new MachineQuery { Labels = new Dictionary<string, string> { ["rack"] = "east" } })).ShouldBeEmpty();
        (await Ids(new MachineQuery { Role = "worker", ProfileId = "debian", State = MachineState.Installed, Labels = new Dictionary<string, string> { ["rack"] = "r1" } }))
            .ShouldBe(["b"]);
    }

    [Fact]
    public async Task ListAsync_Paging_OrdersByHostnameCaseInsensitivelyThenIdWithNoHostnameLast()
    {
        await AddAsync("m5", 5, "delta");
        await AddAsync("m4", 4);
        await AddAsync("m3", 3, "Bravo");
        await AddAsync("m2", 2, "alpha");
        await AddAsync("m1", 1);
        await AddAsync("m6", 6, "charlie");

        var first = await Store.ListAsync(new MachineQuery { Offset = 0, Limit = 4 }, Ct);
        var second = await Store.ListAsync(new MachineQuery { Offset = 4, Limit = 4 }, Ct);
        var beyond = await Store.ListAsync(new MachineQuery { Offset = 10, Limit = 4 }, Ct);

        first.Items.Select(m => m.Id).ShouldBe(["m2", "m3", "m6", "m5"]);
        second.Items.Select(m => m.Id).ShouldBe(["m1", "m4"]);
        beyond.Items.ShouldBeEmpty();
        (first.Total, second.Total, beyond.Total).ShouldBe((6, 6, 6));
        (second.Offset, second.Limit).ShouldBe((4, 4));
    }

    [Fact]
    public async Task ListAsync_FilteredPage_TotalCountsEveryMatchNotJustThePage()
    {
        for (var i = 0; i < 12; i++)
            await AddAsync($"m{i:D2}", i, role: i % 3 == 0 ? "control" : "worker");

        var page = await Store.ListAsync(new MachineQuery { Role = "worker", Offset = 2, Limit = 3 }, Ct);

        page.Total.ShouldBe(8);
        page.Items.Select(m => m.Id).ShouldBe(["m04", "m05", "m07"]);
    }

    [Fact]
    public async Task ListAsync_NegativeOffset_Throws()
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Store.ListAsync(new MachineQuery { Offset = -1 }, Ct));
    }

    public static TheoryData<string, string> IndexedFilters => new()
    {
        { "role", "machines_role" },
        { "profile", "machines_profile_id" },
        { "state", "machines_state" },
        { "label", "machine_labels_key_value" },
    };

    [Theory]
    [MemberData(nameof(IndexedFilters))]
    public async Task BuildListSql_EachFilter_IsAnsweredFromAnIndex(string filter, string index)
    {
        var query = filter switch
        {
            "role" => new MachineQuery { Role = "worker" },
            "profile" => new MachineQuery { ProfileId = "flatcar" },
            "state" => new MachineQuery { State = MachineState.Installed },
            _ => new MachineQuery { Labels = new Dictionary<string, string> { ["rack"] = "r1" } },
        };
        // Enough rows, with ANALYZE statistics, that the planner chooses by real selectivity.
        for (var i = 0; i < 200; i++) await AddAsync($"m{i:D3}", i, role: $"r{i % 50}", profile: $"p{i % 50}", state: (MachineState)(i % 7), labels: [("rack", $"r{i % 50}")]);
        Db.Scalar("ANALYZE");

        var (countSql, pageSql, parameters) = SqliteMachineStore.BuildListSql(query);

        foreach (var sql in new[] { countSql, pageSql })
        {
            using var connection = Db.Storage.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
            command.Parameters.AddWithValue("$limit", 100);
            command.Parameters.AddWithValue("$offset", 0);
            using var reader = command.ExecuteReader();
            var plan = new List<string>();
            while (reader.Read()) plan.Add(reader.GetString(3));
            plan.ShouldContain(line => line.Contains(index, StringComparison.Ordinal), string.Join(" | ", plan));
            plan.ShouldNotContain(line => line == "SCAN m", string.Join(" | ", plan));
        }
    }

    [Fact]
    public async Task BuildListSql_NoFilter_PagesFromTheListOrderIndexWithoutSorting()
    {
        for (var i = 0; i < 200; i++) await AddAsync($"m{i:D3}", i, hostname: i % 10 == 0 ? null : $"h{i:D3}");
        Db.Scalar("ANALYZE");

        var (_, pageSql, _) = SqliteMachineStore.BuildListSql(new MachineQuery());

        using var connection = Db.Storage.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + pageSql;
        command.Parameters.AddWithValue("$limit", 100);
        command.Parameters.AddWithValue("$offset", 0);
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read()) plan.Add(reader.GetString(3));
        var joined = string.Join(" | ", plan);
        joined.ShouldContain("machines_list_order", Case.Sensitive, joined);
    }
}
