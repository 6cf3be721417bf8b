using System.Globalization;
using System.Text;
using System.Text.Json;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Machines;
using Microsoft.Data.Sqlite;

namespace Fleetboot.Storage.Sqlite;

/// <summary>
/// Machines in SQLite. Unique values (id, MACs, hostname case-insensitively, UUID, static IP) are enforced by
/// unique indexes; writes check them first inside their write transaction so that a collision names its holder.
/// Stamps: the store keeps the <see cref="Machine.CreatedAt"/> and <see cref="Machine.UpdatedAt"/> it is given
/// (Core sets them and hands its copy back to callers) and fills any left at default from its clock.
/// <see cref="Machine.CreatedAt"/> never changes after the first insert: UpdateAsync ignores it.
/// </summary>
internal sealed class SqliteMachineStore(SqliteStorage storage, TimeProvider time) : IMachineStore
{
    // One statement returns the whole machine; MACs and labels come from their tables. MACs come as
    // "position/mac,..." and are ordered here: an ORDER BY inside group_concat costs a sorter per row.
    private const string SelectColumns = """
        SELECT m.id, m.hostname, m.uuid, m.static_ip, m.role, m.profile_id, m.state, m.created_at, m.updated_at, m.doc,
               (SELECT group_concat(k.position || '/' || k.mac) FROM machine_macs k WHERE k.machine_id = m.id),
               (SELECT json_group_object(l.key, l.value) FROM machine_labels l WHERE l.machine_id = m.id)
        """;

    // Matches the machines_list_order index. Machines without a hostname come last.
    private const string OrderBy = " ORDER BY m.hostname IS NULL, m.hostname, m.id";

    public Task<Machine?> GetAsync(string id, CancellationToken ct) =>
        FindOneAsync(SelectColumns + " FROM machines m WHERE m.id = $value", id, ct);

    public Task<Machine?> FindByMacAsync(MacAddress mac, CancellationToken ct) =>
        FindOneAsync(SelectColumns + " FROM machine_macs x JOIN machines m ON m.id = x.machine_id WHERE x.mac = $value", mac.ToString(), ct);

    public Task<Machine?> FindByHostnameAsync(string hostname, CancellationToken ct) =>
        FindOneAsync(SelectColumns + " FROM machines m WHERE m.hostname = $value", hostname, ct);

    public Task<Machine?> FindByUuidAsync(Guid uuid, CancellationToken ct) =>
        FindOneAsync(SelectColumns + " FROM machines m WHERE m.uuid = $value", FormatUuid(uuid), ct);

    public Task<Machine?> FindByIpAsync(string ip, CancellationToken ct) =>
        FindOneAsync(SelectColumns + " FROM machines m WHERE m.static_ip = $value", ip, ct);

    public Task<Page<Machine>> ListAsync(MachineQuery query, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        var (countSql, pageSql, parameters) = BuildListSql(query);
        return storage.ReadAsync((connection, transaction) =>
        {
            using var count = connection.Command(transaction, countSql);
            using var page = connection.Command(transaction, pageSql);
            foreach (var (name, value) in parameters)
            {
                count.With(name, value);
                page.With(name, value);
            }
            var total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            page.With("$limit", query.Limit).With("$offset", query.Offset);
            var items = new List<Machine>(Math.Min(query.Limit, Math.Max(0, total - query.Offset)));
            using (var reader = page.ExecuteReader())
            {
                while (reader.Read()) items.Add(ReadMachine(reader));
            }
            return new Page<Machine>(items, total, query.Offset, query.Limit);
        }, ct);
    }

    /// <summary>The count and page statements for <paramref name="query"/>; the page statement also takes <c>$limit</c> and <c>$offset</c>.</summary>
    internal static (string CountSql, string PageSql, IReadOnlyList<(string Name, string Value)> Parameters) BuildListSql(MachineQuery query)
    {
        var where = new StringBuilder(" FROM machines m WHERE 1 = 1");
        var parameters = new List<(string, string)>();
        if (query.Role is not null) Add("m.role = $role", ("$role", query.Role));
        if (query.ProfileId is not null) Add("m.profile_id = $profile", ("$profile", query.ProfileId));
        if (query.State is { } state) Add("m.state = $state", ("$state", state.ToString()));
        var i = 0;
        foreach (var (key, value) in query.Labels)
        {
            Add(string.Create(CultureInfo.InvariantCulture,
                $"m.id IN (SELECT l.machine_id FROM machine_labels l WHERE l.key = $lk{i} AND l.value = $lv{i})"),
                ($"$lk{i}", key), ($"$lv{i}", value));
            i++;
        }
        // The page is chosen on ids alone; only its rows then pay for MACs, labels and the document.
        var pageSql = SelectColumns + " FROM (SELECT m.id" + where + OrderBy + " LIMIT $limit OFFSET $offset) p JOIN machines m ON m.id = p.id" + OrderBy;
        return ("SELECT COUNT(*)" + where, pageSql, parameters);

        void Add(string condition, params (string, string)[] values)
        {
            where.Append(" AND ").Append(condition);
            parameters.AddRange(values);
        }
    }

    public Task AddAsync(Machine machine, CancellationToken ct)
    {
        Validate(machine);
        return storage.WriteAsync((connection, transaction) =>
        {
            using (var exists = connection.Command(transaction, "SELECT 1 FROM machines WHERE id = $id"))
            {
                exists.Parameters.AddWithValue("$id", machine.Id);
                if (exists.ExecuteScalar() is not null) throw new UniqueConflictException("id", machine.Id, machine.Id);
            }
            EnsureUnique(connection, transaction, machine);
            using (var insert = connection.Command(transaction, """
                INSERT INTO machines (id, hostname, uuid, static_ip, role, profile_id, state, created_at, updated_at, doc)
                VALUES ($id, $hostname, $uuid, $static_ip, $role, $profile_id, $state, $created_at, $updated_at, $doc)
                """))
            {
                AddRowParameters(insert, machine, SqliteTime.StampOrNow(machine.UpdatedAt, time));
                insert.Parameters.AddWithValue("$created_at", SqliteTime.StampOrNow(machine.CreatedAt, time));
                insert.ExecuteNonQuery();
            }
            WriteMacsAndLabels(connection, transaction, machine);
            return true;
        }, ct);
    }

    public Task<bool> UpdateAsync(Machine machine, CancellationToken ct)
    {
        Validate(machine);
        return storage.WriteAsync((connection, transaction) => Update(connection, transaction, machine), ct);
    }

    public Task<int> RecordActivityAsync(IReadOnlyDictionary<string, DateTimeOffset> activity, CancellationToken ct)
    {
        if (activity.Count == 0) return Task.FromResult(0);
        return storage.WriteWithoutSyncAsync((connection, transaction) =>
        {
            // julianday() compares the stamps as times whatever their offset or number of fraction digits.
            using var update = connection.Command(transaction, """
                UPDATE machines SET doc = json_set(doc, '$.lastActivityAt', $at)
                WHERE id = $id AND (json_extract(doc, '$.lastActivityAt') IS NULL
                    OR julianday(json_extract(doc, '$.lastActivityAt')) < julianday($at))
                """);
            var id = update.Parameters.Add("$id", SqliteType.Text);
            var at = update.Parameters.Add("$at", SqliteType.Text);
            var moved = 0;
            foreach (var (machineId, time) in activity)
            {
                id.Value = machineId;
                at.Value = time.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                moved += update.ExecuteNonQuery();
            }
            return moved;
        }, ct);
    }

    private bool Update(SqliteConnection connection, SqliteTransaction transaction, Machine machine)
    {
        using (var exists = connection.Command(transaction, "SELECT 1 FROM machines WHERE id = $id"))
        {
            exists.Parameters.AddWithValue("$id", machine.Id);
            if (exists.ExecuteScalar() is null) return false;
        }
        EnsureUnique(connection, transaction, machine);
        using (var update = connection.Command(transaction, """
            UPDATE machines SET hostname = $hostname, uuid = $uuid, static_ip = $static_ip, role = $role,
                profile_id = $profile_id, state = $state, updated_at = $updated_at, doc = $doc
            WHERE id = $id
            """))
        {
            AddRowParameters(update, machine, SqliteTime.StampOrNow(machine.UpdatedAt, time));
            update.ExecuteNonQuery();
        }
        using (var clear = connection.Command(transaction,
            "DELETE FROM machine_macs WHERE machine_id = $id; DELETE FROM machine_labels WHERE machine_id = $id;"))
        {
            clear.Parameters.AddWithValue("$id", machine.Id);
            clear.ExecuteNonQuery();
        }
        WriteMacsAndLabels(connection, transaction, machine);
        return true;
    }

    public Task<bool> RemoveAsync(string id, CancellationToken ct) =>
        storage.WriteAsync((connection, transaction) =>
        {
            // machine_macs and machine_labels rows go with it (ON DELETE CASCADE).
            using var delete = connection.Command(transaction, "DELETE FROM machines WHERE id = $id");
            delete.Parameters.AddWithValue("$id", id);
            return delete.ExecuteNonQuery() > 0;
        }, ct);

    private Task<Machine?> FindOneAsync(string sql, string value, CancellationToken ct) =>
        storage.ReadPreparedAsync(sql, command =>
        {
            using var reader = command.With("$value", value).ExecuteReader();
            return reader.Read() ? ReadMachine(reader) : null;
        }, ct);

    private static void Validate(Machine machine)
    {
        ArgumentException.ThrowIfNullOrEmpty(machine.Id);
        if (machine.Macs is null || machine.Macs.Count == 0)
            throw new ArgumentException($"machine {machine.Id} has no MAC address", nameof(machine));
        if (machine.Macs.Distinct().Count() != machine.Macs.Count)
            throw new ArgumentException($"machine {machine.Id} lists a MAC address twice", nameof(machine));
    }

    /// <summary>Throws when another machine holds one of <paramref name="machine"/>'s unique values. Runs inside the write transaction, so nothing can change in between.</summary>
    private static void EnsureUnique(SqliteConnection connection, SqliteTransaction transaction, Machine machine)
    {
        using (var macs = connection.Command(transaction, "SELECT machine_id FROM machine_macs WHERE mac = $mac AND machine_id <> $id"))
        {
            macs.Parameters.AddWithValue("$id", machine.Id);
            var mac = macs.Parameters.Add("$mac", SqliteType.Text);
            foreach (var m in machine.Macs)
            {
                mac.Value = m.ToString();
                if (macs.ExecuteScalar() is string holder) throw new UniqueConflictException("macs", m.ToString(), holder);
            }
        }
        CheckColumn("hostname", "hostname", machine.Hostname);
        CheckColumn("uuid", "uuid", machine.Uuid is { } uuid ? FormatUuid(uuid) : null);
        CheckColumn("staticIp", "static_ip", machine.StaticIp);

        void CheckColumn(string field, string column, string? value)
        {
            if (value is null) return;
            using var command = connection.Command(transaction, $"SELECT id FROM machines WHERE {column} = $value AND id <> $id LIMIT 1");
            command.Parameters.AddWithValue("$value", value);
            command.Parameters.AddWithValue("$id", machine.Id);
            if (command.ExecuteScalar() is string holder) throw new UniqueConflictException(field, value, holder);
        }
    }

    private static void AddRowParameters(SqliteCommand command, Machine machine, string updatedAt)
    {
        command.Parameters.AddWithValue("$id", machine.Id);
        command.Parameters.AddWithValue("$hostname", (object?)machine.Hostname ?? DBNull.Value);
        command.Parameters.AddWithValue("$uuid", machine.Uuid is { } uuid ? FormatUuid(uuid) : DBNull.Value);
        command.Parameters.AddWithValue("$static_ip", (object?)machine.StaticIp ?? DBNull.Value);
        command.Parameters.AddWithValue("$role", (object?)machine.Role ?? DBNull.Value);
        command.Parameters.AddWithValue("$profile_id", (object?)machine.ProfileId ?? DBNull.Value);
        command.Parameters.AddWithValue("$state", machine.State.ToString());
        command.Parameters.AddWithValue("$updated_at", updatedAt);
        var document = new MachineDocument(machine.Serial, machine.Arch, machine.Firmware, machine.Features, machine.Specs, machine.Metadata, machine.Token,
            machine.StateReason, machine.Phase, machine.Percent, machine.StateChangedAt, machine.LastActivityAt, machine.Netboot, machine.LocalBoot,
            machine.Loader);
        command.Parameters.AddWithValue("$doc", JsonSerializer.Serialize(document, SqliteJsonContext.Default.MachineDocument));
    }

    private static void WriteMacsAndLabels(SqliteConnection connection, SqliteTransaction transaction, Machine machine)
    {
        using (var insert = connection.Command(transaction, "INSERT INTO machine_macs (mac, machine_id, position) VALUES ($mac, $id, $position)"))
        {
            insert.Parameters.AddWithValue("$id", machine.Id);
            var mac = insert.Parameters.Add("$mac", SqliteType.Text);
            var position = insert.Parameters.Add("$position", SqliteType.Integer);
            for (var i = 0; i < machine.Macs.Count; i++)
            {
                mac.Value = machine.Macs[i].ToString();
                position.Value = i;
                insert.ExecuteNonQuery();
            }
        }
        if (machine.Labels.Count == 0) return;
        using (var insert = connection.Command(transaction, "INSERT INTO machine_labels (machine_id, key, value) VALUES ($id, $key, $value)"))
        {
            insert.Parameters.AddWithValue("$id", machine.Id);
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            var value = insert.Parameters.Add("$value", SqliteType.Text);
            foreach (var (k, v) in machine.Labels)
            {
                key.Value = k;
                value.Value = v;
                insert.ExecuteNonQuery();
            }
        }
    }

    private static Machine ReadMachine(SqliteDataReader reader)
    {
        var document = JsonSerializer.Deserialize(reader.GetString(9), SqliteJsonContext.Default.MachineDocument)
            ?? throw new InvalidDataException($"machine {reader.GetString(0)} has an empty document");
        return new Machine
        {
            Id = reader.GetString(0),
            Hostname = reader.IsDBNull(1) ? null : reader.GetString(1),
            Uuid = reader.IsDBNull(2) ? null : Guid.ParseExact(reader.GetString(2), "D"),
            StaticIp = reader.IsDBNull(3) ? null : reader.GetString(3),
            Role = reader.IsDBNull(4) ? null : reader.GetString(4),
            ProfileId = reader.IsDBNull(5) ? null : reader.GetString(5),
            State = Enum.Parse<MachineState>(reader.GetString(6)),
            CreatedAt = SqliteTime.FromText(reader.GetString(7)),
            UpdatedAt = SqliteTime.FromText(reader.GetString(8)),
            Macs = ParseMacs(reader.GetString(10)),
            Labels = JsonSerializer.Deserialize(reader.GetString(11), SqliteJsonContext.Default.DictionaryStringString) ?? [],
            Serial = document.Serial,
            Arch = document.Arch,
            Firmware = document.Firmware,
            Features = document.Features ?? [],
            Specs = document.Specs,
            Metadata = document.Metadata,
            Token = document.Token,
            StateReason = document.StateReason,
            Phase = document.Phase,
            Percent = document.Percent,
            StateChangedAt = document.StateChangedAt,
            LastActivityAt = document.LastActivityAt,
            Netboot = document.Netboot,
            LocalBoot = document.LocalBoot,
            Loader = document.Loader,
        };
    }

    /// <summary>Parses <c>"1/aa:..,0/bb:.."</c> into the MACs in position order.</summary>
    private static MacAddress[] ParseMacs(string text)
    {
        var entries = text.Split(',');
        var positions = new int[entries.Length];
        var macs = new MacAddress[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var slash = entries[i].IndexOf('/', StringComparison.Ordinal);
            positions[i] = int.Parse(entries[i].AsSpan(0, slash), CultureInfo.InvariantCulture);
            macs[i] = MacAddress.Parse(entries[i][(slash + 1)..]);
        }
        Array.Sort(positions, macs);
        return macs;
    }

    private static string FormatUuid(Guid uuid) => uuid.ToString("D");
}
