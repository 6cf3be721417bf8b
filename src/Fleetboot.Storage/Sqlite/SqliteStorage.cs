using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Fleetboot.Storage.Sqlite.Leases;
using Microsoft.Data.Sqlite;

namespace Fleetboot.Storage.Sqlite;

/// <summary>
/// The one way into the SQLite database: opens pooled connections with Fleetboot's pragmas and
/// serialises writes. Reads run concurrently (WAL readers never block on the writer); writes go
/// one at a time through <see cref="WriteAsync{T}"/> in a <c>BEGIN IMMEDIATE</c> transaction, so
/// in-process writers never meet SQLITE_BUSY and other processes wait on <c>busy_timeout</c>.
/// </summary>
internal sealed class SqliteStorage : IDisposable
{
    public const string FileName = "fleetboot.db";

    /// <summary>How long SQLite waits for another process's lock before failing with SQLITE_BUSY.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    // Per-connection settings. journal_mode=WAL is stored in the database file and set once by the migrator.
    private static readonly string ConnectionPragmas =
        $"PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};";

    // Pooled SqliteConnection objects are new each time, but the native handle underneath is reused:
    // pragmas are run once per native handle.
    private readonly ConditionalWeakTable<object, object> _initialisedHandles = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentBag<SqlitePreparedSession> _sessions = [];
    private readonly int _maxIdleSessions = Math.Max(4, Environment.ProcessorCount * 2);
    private readonly string _connectionString;
    private volatile bool _disposed;
    private long _lastOptimizeTicks = Environment.TickCount64;

    /// <summary>Keeps the planner's statistics fresh (SQLite's advice for long-lived connections); cheap when nothing changed.</summary>
    public const string OptimizeSql = "PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;";

    private static readonly TimeSpan OptimizeInterval = TimeSpan.FromHours(1);

    public SqliteStorage(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        DataDirectory = Path.GetFullPath(dataDirectory);
        DatabasePath = Path.Combine(DataDirectory, FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    public string DataDirectory { get; }

    public string DatabasePath { get; }

    /// <summary>The DHCP lease store on this database, taking turns with this storage's writers (one write lock in-process).</summary>
    public SqliteLeaseStore OpenLeaseStore() => SqliteLeaseStore.Open($"Data Source={DatabasePath}", _writeLock);

    /// <summary>Opens a pooled connection with Fleetboot's pragmas applied. The caller disposes it.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            var handle = connection.Handle!;
            if (!_initialisedHandles.TryGetValue(handle, out _))
            {
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = ConnectionPragmas;
                    command.ExecuteNonQuery();
                }
                _initialisedHandles.AddOrUpdate(handle, handle);
            }
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="read"/> on its own connection inside a deferred transaction (one consistent snapshot).</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, SqliteTransaction, T> read, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var result = read(connection, transaction);
        transaction.Commit();
        return Task.FromResult(result);
    }

    /// <summary>Runs <paramref name="read"/> on its own connection without an explicit transaction (single statements).</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = Open();
        return Task.FromResult(read(connection));
    }

    /// <summary>
    /// Runs <paramref name="read"/> with a command for <paramref name="sql"/> that stays prepared on a kept-open
    /// connection between calls (no transaction; one statement). For hot single-statement lookups: reusing the
    /// prepared statement is several times cheaper than opening a pooled connection and preparing again.
    /// </summary>
    public Task<T> ReadPreparedAsync<T>(string sql, Func<SqliteCommand, T> read, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_sessions.TryTake(out var session)) session = new SqlitePreparedSession(Open());
        T result;
        try
        {
            result = read(session.Command(sql));
        }
        catch
        {
            session.Dispose();
            throw;
        }
        if (_disposed || _sessions.Count >= _maxIdleSessions) session.Dispose();
        else _sessions.Add(session);
        return Task.FromResult(result);
    }

    /// <summary>
    /// Runs <paramref name="write"/> alone (process-wide write lock) inside <c>BEGIN IMMEDIATE</c>;
    /// commits when it returns, rolls back when it throws. With synchronous=FULL the commit is durable
    /// when this task completes.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken ct) =>
        WriteCoreAsync(write, durable: true, ct);

    /// <summary>
    /// Like <see cref="WriteAsync{T}"/>, but the commit does not wait for the disk (synchronous=NORMAL): for
    /// observations such as the boot timeline, which may lose their last moments in a power cut. They become durable
    /// with the next durable commit (one fsync of the WAL covers every frame before it) or checkpoint.
    /// </summary>
    public Task<T> WriteWithoutSyncAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken ct) =>
        WriteCoreAsync(write, durable: false, ct);

    private async Task<T> WriteCoreAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, bool durable, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var connection = Open();
            if (!durable) Execute(connection, "PRAGMA synchronous = NORMAL");
            try
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var result = write(connection, transaction);
                transaction.Commit();
                if (Environment.TickCount64 - _lastOptimizeTicks > OptimizeInterval.TotalMilliseconds)
                {
                    _lastOptimizeTicks = Environment.TickCount64;
                    Execute(connection, OptimizeSql);
                }
                return result;
            }
            finally
            {
                // The pooled handle keeps its pragmas: leave it durable for the next writer.
                if (!durable) Execute(connection, "PRAGMA synchronous = FULL");
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.Command(null, sql);
        command.ExecuteNonQuery();
    }

    /// <summary>Closes the pooled connections to this database (checkpointing the WAL on the last close).</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_sessions.TryTake(out var session)) session.Dispose();
        ClearPool();
        _writeLock.Dispose();
    }
}
