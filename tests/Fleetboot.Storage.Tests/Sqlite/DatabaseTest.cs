namespace Fleetboot.Storage.Tests.Sqlite;

/// <summary>A test class whose every test gets a fresh <see cref="TemporaryDatabase"/>, deleted after it.</summary>
public abstract class DatabaseTest(bool migrate = true) : IAsyncLifetime
{
    private protected TemporaryDatabase Db { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Db = await TemporaryDatabase.CreateAsync(migrate);

    public ValueTask DisposeAsync()
    {
        Db.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
