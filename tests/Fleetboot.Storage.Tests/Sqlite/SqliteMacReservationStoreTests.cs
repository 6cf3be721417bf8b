using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;
using Fleetboot.Storage.Sqlite;

namespace Fleetboot.Storage.Tests.Sqlite;

public sealed class SqliteMacReservationStoreTests : DatabaseTest
{
    private static readonly MacAddress Mac = MacAddress.Parse("02:00:00:00:00:01");

    [Fact]
    public async Task TryReserveAsync_FreeMac_ReservesWithNoteAndGivenTime()
    {
        var store = Db.Reservations();
        var reservation = new MacReservation(Mac, "vm web-3", new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.FromHours(2)));

        (await store.TryReserveAsync(reservation, Ct)).ShouldBeTrue();

        (await store.GetAsync(Mac, Ct)).ShouldBe(reservation);
    }

    [Fact]
    public async Task TryReserveAsync_TimeLeftAtDefault_StampedFromTheStoresClock()
    {
        var store = Db.Reservations();

        await store.TryReserveAsync(new MacReservation(Mac, null, default), Ct);

        (await store.GetAsync(Mac, Ct))!.CreatedAt.ShouldBe(Db.Time.GetUtcNow());
    }

    [Fact]
    public async Task TryReserveAsync_ReservedMac_ReturnsFalseAndKeepsFirstReservation()
    {
        var store = Db.Reservations();
        await store.TryReserveAsync(new MacReservation(Mac, "first", default), Ct);

        (await store.TryReserveAsync(new MacReservation(Mac, "second", default), Ct)).ShouldBeFalse();

        (await store.GetAsync(Mac, Ct))!.Note.ShouldBe("first");
    }

    [Fact]
    public async Task TryReserveAsync_ParallelSameMac_ExactlyOneWins()
    {
        var store = Db.Reservations();
        using var otherProcess = new SqliteStorage(Db.Directory);
        var otherStore = new SqliteMacReservationStore(otherProcess, Db.Time);

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(() => (i % 2 == 0 ? store : otherStore).TryReserveAsync(new MacReservation(Mac, $"caller {i}", default), Ct), Ct)));

        results.Count(won => won).ShouldBe(1);
        (await store.ListAsync(Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ReleaseAsync_ReservedMac_FreesItOnce()
    {
        var store = Db.Reservations();
        await store.TryReserveAsync(new MacReservation(Mac, null, default), Ct);

        (await store.ReleaseAsync(Mac, Ct)).ShouldBeTrue();
        (await store.ReleaseAsync(Mac, Ct)).ShouldBeFalse();

        (await store.GetAsync(Mac, Ct)).ShouldBeNull();
        (await store.TryReserveAsync(new MacReservation(Mac, null, default), Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task ListAsync_SeveralReservations_ReturnsAllByMac()
    {
        var store = Db.Reservations();
        await store.TryReserveAsync(new MacReservation(MacAddress.Parse("02:00:00:00:00:0b"), null, default), Ct);
        await store.TryReserveAsync(new MacReservation(MacAddress.Parse("02:00:00:00:00:0a"), "n", default), Ct);

        var all = await store.ListAsync(Ct);

        all.Select(r => (r.Mac.ToString(), r.Note)).ShouldBe([("02:00:00:00:00:0a", "n"), ("02:00:00:00:00:0b", null)]);
    }
}
