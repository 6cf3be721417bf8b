using System.Net;
using Dapper;
using Fleetboot.Core.Abstractions;
using Fleetboot.Core.Dhcp;
using Fleetboot.Core.Machines;
using Microsoft.Data.Sqlite;

namespace Fleetboot.Storage.Sqlite.Leases;

/// <summary>
/// DHCP leases in SQLite (table <c>dhcp_leases</c>, one row per address, created by migration 0003). WAL with <c>synchronous=FULL</c>:
/// when <see cref="SaveAsync"/> completes the rows are on disk. One connection, writes serialised.
/// WAL checkpoints run every second on a second connection instead of inside a commit, so a checkpoint's
/// database fsync never stalls the ACKs waiting on a lease write.
/// </summary>
public sealed class SqliteLeaseStore : ILeaseStore, IAsyncDisposable, IDisposable
{
    private const string Upsert = """
        INSERT INTO dhcp_leases (address, client_id, mac, subnet, start_ms, expires_ms, state, host_name)
        VALUES (@Address, @ClientId, @Mac, @Subnet, @StartMs, @ExpiresMs, @State, @HostName)
        ON CONFLICT (address) DO UPDATE SET
            client_id = excluded.client_id, mac = excluded.mac, subnet = excluded.subnet,
            start_ms = excluded.start_ms, expires_ms = excluded.expires_ms, state = excluded.state, host_name = excluded.host_name
        """;

    private const long MaxWalFrames = 16_384;

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=0;";

    private readonly SqliteConnection _connection;
    private readonly SqliteConnection _checkpointer;
    private readonly SemaphoreSlim _gate;
    private readonly bool _ownsGate;
    private readonly Timer _checkpointTimer;
    private int _checkpointing;

    // One statement, prepared once and bound per lease: the DHCP server's group commits run through it thousands of times a second.
    private readonly SqliteCommand _upsert;
    private readonly UpsertParameters _upsertParameters;

    private SqliteLeaseStore(SqliteConnection connection, SqliteConnection checkpointer, SemaphoreSlim? writeLock)
    {
        _connection = connection;
        _checkpointer = checkpointer;
        _ownsGate = writeLock is null;
        _gate = writeLock ?? new SemaphoreSlim(1, 1);
        _upsert = connection.CreateCommand();
        _upsert.CommandText = Upsert;
        _upsertParameters = new UpsertParameters(_upsert.Parameters);
        _checkpointTimer = new Timer(_ => Checkpoint(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private void Checkpoint()
    {
        if (Interlocked.Exchange(ref _checkpointing, 1) == 1) return;
        try
        {
            // PASSIVE never blocks the writer; it copies what it can and the WAL is reused once fully copied.
            var (_, walFrames, _) = _checkpointer.QuerySingle<(long Busy, long Log, long Checkpointed)>("PRAGMA wal_checkpoint(PASSIVE);");
            // Under continuous writes the WAL never empties by itself: past ~64 MB make writers wait once so it restarts.
            if (walFrames > MaxWalFrames) _checkpointer.Execute("PRAGMA wal_checkpoint(RESTART);");
        }
        catch (SqliteException)
        {
            // Busy or closing: the next tick tries again.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            Volatile.Write(ref _checkpointing, 0);
        }
    }

    /// <summary>Opens a database whose schema migrations have been applied (<see cref="IStorageInitializer"/>).</summary>
    /// <param name="connectionString">e.g. <c>Data Source=/var/lib/fleetboot/fleetboot.db</c>.</param>
    public static async Task<SqliteLeaseStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        var checkpointer = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(Pragmas);
            ThrowIfUnmigrated(connection);
            await checkpointer.OpenAsync(cancellationToken);
            await checkpointer.ExecuteAsync("PRAGMA busy_timeout=1000;");
            return new SqliteLeaseStore(connection, checkpointer, null);
        }
        catch
        {
            await connection.DisposeAsync();
            await checkpointer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Synchronous <see cref="OpenAsync"/>, for DI factories: <c>services.AddSingleton&lt;ILeaseStore&gt;(_ =&gt; SqliteLeaseStore.Open(cs))</c>.</summary>
    public static SqliteLeaseStore Open(string connectionString) => Open(connectionString, null);

    /// <param name="writeLock">
    /// Shared with the process's other writers of the same database (<see cref="SqliteStorage.OpenLeaseStore"/>): they
    /// then take turns in order, instead of meeting SQLITE_BUSY and SQLite's sleeping retries (up to 100 ms a try).
    /// </param>
    internal static SqliteLeaseStore Open(string connectionString, SemaphoreSlim? writeLock)
    {
        var connection = new SqliteConnection(connectionString);
        var checkpointer = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            connection.Execute(Pragmas);
            ThrowIfUnmigrated(connection);
            checkpointer.Open();
            checkpointer.Execute("PRAGMA busy_timeout=1000;");
            return new SqliteLeaseStore(connection, checkpointer, writeLock);
        }
        catch
        {
            connection.Dispose();
            checkpointer.Dispose();
            throw;
        }
    }

    private static void ThrowIfUnmigrated(SqliteConnection connection)
    {
        if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'dhcp_leases'") == 1) return;
        throw new InvalidOperationException(
            $"the database {connection.DataSource} has no dhcp_leases table: apply the schema migrations first (IStorageInitializer.InitializeAsync; fleetboot serve does it at start-up)");
    }

    public async Task<IReadOnlyList<DhcpLease>> LoadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var rows = await _connection.QueryAsync<LeaseRow>(new CommandDefinition(
                "SELECT address AS Address, client_id AS ClientId, mac AS Mac, subnet AS Subnet, start_ms AS StartMs, expires_ms AS ExpiresMs, state AS State, host_name AS HostName FROM dhcp_leases",
                cancellationToken: cancellationToken));
            return rows.Select(r => new DhcpLease(
                IPAddress.Parse(r.Address), r.ClientId, MacAddress.Parse(r.Mac), r.Subnet,
                DateTimeOffset.FromUnixTimeMilliseconds(r.StartMs), DateTimeOffset.FromUnixTimeMilliseconds(r.ExpiresMs),
                (DhcpLeaseState)r.State, r.HostName)).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SaveAsync(IReadOnlyList<DhcpLease> leases, CancellationToken cancellationToken)
    {
        if (leases.Count == 0) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var tx = _connection.BeginTransaction();
            _upsert.Transaction = tx;
            foreach (var l in leases)
            {
                _upsertParameters.Address.Value = l.Address.ToString();
                _upsertParameters.ClientId.Value = l.ClientId;
                _upsertParameters.Mac.Value = l.Mac.ToString();
                _upsertParameters.Subnet.Value = l.Subnet;
                _upsertParameters.StartMs.Value = l.Start.ToUnixTimeMilliseconds();
                _upsertParameters.ExpiresMs.Value = l.Expires.ToUnixTimeMilliseconds();
                _upsertParameters.State.Value = (int)l.State;
                _upsertParameters.HostName.Value = (object?)l.HostName ?? DBNull.Value;
                _upsert.ExecuteNonQuery();
            }
            tx.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _checkpointTimer.DisposeAsync();
        while (Volatile.Read(ref _checkpointing) == 1) await Task.Yield();
        Checkpoint(); // leave a small WAL behind
        await _checkpointer.DisposeAsync();
        await _upsert.DisposeAsync();
        await _connection.DisposeAsync();
        if (_ownsGate) _gate.Dispose();
    }

    public void Dispose()
    {
        _checkpointTimer.Dispose();
        SpinWait.SpinUntil(() => Volatile.Read(ref _checkpointing) == 0);
        Checkpoint();
        _checkpointer.Dispose();
        _upsert.Dispose();
        _connection.Dispose();
        if (_ownsGate) _gate.Dispose();
    }

    private sealed class UpsertParameters(SqliteParameterCollection parameters)
    {
        public SqliteParameter Address { get; } = parameters.Add("@Address", SqliteType.Text);
        public SqliteParameter ClientId { get; } = parameters.Add("@ClientId", SqliteType.Text);
        public SqliteParameter Mac { get; } = parameters.Add("@Mac", SqliteType.Text);
        public SqliteParameter Subnet { get; } = parameters.Add("@Subnet", SqliteType.Text);
        public SqliteParameter StartMs { get; } = parameters.Add("@StartMs", SqliteType.Integer);
        public SqliteParameter ExpiresMs { get; } = parameters.Add("@ExpiresMs", SqliteType.Integer);
        public SqliteParameter State { get; } = parameters.Add("@State", SqliteType.Integer);
        public SqliteParameter HostName { get; } = parameters.Add("@HostName", SqliteType.Text);
    }

    private sealed class LeaseRow
    {
        public string Address { get; set; } = "";
        public string ClientId { get; set; } = "";
        public string Mac { get; set; } = "";
        public string Subnet { get; set; } = "";
        public long StartMs { get; set; }
        public long ExpiresMs { get; set; }
        public int State { get; set; }
        public string? HostName { get; set; }
    }
}
