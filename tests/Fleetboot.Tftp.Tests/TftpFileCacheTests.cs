namespace Fleetboot.Tftp.Tests;

public sealed class TftpFileCacheTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void TryGet_SameSizeAndTime_Hits()
    {
        var cache = new TftpFileCache(1000, 100);
        cache.Add("/a", T0, [1, 2, 3]);
        cache.TryGet("/a", 3, T0, out var bytes).ShouldBeTrue();
        bytes.ToArray().ShouldBe(new byte[] { 1, 2, 3 });
    }

    [Fact]
    public void TryGet_ChangedTimeOrSize_MissesAndForgetsEntry()
    {
        var cache = new TftpFileCache(1000, 100);
        cache.Add("/a", T0, [1, 2, 3]);
        cache.TryGet("/a", 3, T0.AddSeconds(1), out _).ShouldBeFalse();
        cache.CachedBytes.ShouldBe(0);
        cache.Add("/a", T0, [1, 2, 3]);
        cache.TryGet("/a", 4, T0, out _).ShouldBeFalse();
    }

    [Fact]
    public void Add_OverCapacity_EvictsLeastRecentlyUsed()
    {
        var cache = new TftpFileCache(10, 10);
        cache.Add("/a", T0, new byte[4]);
        cache.Add("/b", T0, new byte[4]);
        cache.TryGet("/a", 4, T0, out _).ShouldBeTrue(); // a is now more recent than b
        cache.Add("/c", T0, new byte[4]);
        cache.TryGet("/b", 4, T0, out _).ShouldBeFalse();
        cache.TryGet("/a", 4, T0, out _).ShouldBeTrue();
        cache.CachedBytes.ShouldBeLessThanOrEqualTo(10);
    }

    [Fact]
    public void Add_FileLargerThanPerFileLimit_IsNotCached()
    {
        var cache = new TftpFileCache(1000, 10);
        cache.Add("/big", T0, new byte[11]);
        cache.CachedBytes.ShouldBe(0);
    }

    [Fact]
    public void MaxFileBytes_CacheDisabled_IsNegative() => new TftpFileCache(0, 10).MaxFileBytes.ShouldBe(-1);
}
