using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;
using Microsoft.Data.Sqlite;

namespace Fleetboot.Storage.Sqlite;

/// <summary>MAC reservations in SQLite, ordered by MAC. <see cref="MacReservation.CreatedAt"/> is kept as given, or stamped from the store's clock when left at default.</summary>
internal sealed class SqliteMacReservationStore(SqliteStorage storage, TimeProvider time) : IMacReservationStore
{
    public Task<bool> TryReserveAsync(MacReservation reservation, CancellationToken ct) =>
        storage.WriteAsync((connection, transaction) =>
        {
            using var insert = connection.Command(transaction,
                "INSERT INTO mac_reservations (mac, note, created_at) VALUES ($mac, $note, $created_at) ON CONFLICT (mac) DO NOTHING")
                .With("$mac", reservation.Mac.ToString())
                .With("$note", reservation.Note)
                .With("$created_at", SqliteTime.StampOrNow(reservation.CreatedAt, time));
            return insert.ExecuteNonQuery() == 1;
        }, ct);

    public Task<bool> ReleaseAsync(MacAddress mac, CancellationToken ct) =>
        storage.WriteAsync((connection, transaction) =>
        {
            using var delete = connection.Command(transaction, "DELETE FROM mac_reservations WHERE mac = $mac").With("$mac", mac.ToString());
            return delete.ExecuteNonQuery() > 0;
        }, ct);

    public Task<MacReservation?> GetAsync(MacAddress mac, CancellationToken ct) =>
        storage.ReadAsync(connection =>
        {
            using var command = connection.Command(null, "SELECT mac, note, created_at FROM mac_reservations WHERE mac = $mac")
                .With("$mac", mac.ToString());
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }, ct);

    public Task<IReadOnlyList<MacReservation>> ListAsync(CancellationToken ct) =>
        storage.ReadAsync<IReadOnlyList<MacReservation>>(connection =>
        {
            using var command = connection.Command(null, "SELECT mac, note, created_at FROM mac_reservations ORDER BY mac");
            using var reader = command.ExecuteReader();
            var reservations = new List<MacReservation>();
            while (reader.Read()) reservations.Add(Read(reader));
            return reservations;
        }, ct);

    private static MacReservation Read(SqliteDataReader reader) =>
        new(MacAddress.Parse(reader.GetString(0)), reader.GetNullableString(1), SqliteTime.FromText(reader.GetString(2)));
}
