namespace Fleetboot.Dhcp.Tests.Server;

public sealed class MalformedPacketLimiterTests
{
    [Fact]
    public void TryAcquire_PastLimit_SuppressesAndReportsCountInNextWindow()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new MalformedPacketLimiter(time, perWindow: 3, window: TimeSpan.FromSeconds(10));

        var allowed = Enumerable.Range(0, 100).Count(_ => limiter.TryAcquire(out long _));
        allowed.ShouldBe(3);

        time.Advance(TimeSpan.FromSeconds(11));
        limiter.TryAcquire(out var suppressed).ShouldBeTrue();
        suppressed.ShouldBe(97);
    }
}
