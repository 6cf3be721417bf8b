using Fleetboot.Core.Lifecycle;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fleetboot.Cli.Serve;

/// <summary>Fails installs that went quiet for longer than their profile's timeout, checking every 30 seconds.</summary>
internal sealed partial class LifecycleWatchdog(MachineLifecycle lifecycle, TimeProvider time, ILogger<LifecycleWatchdog> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await NextTickAsync(timer, stoppingToken))
        {
            try
            {
                var failed = await lifecycle.FailStalledAsync(stoppingToken);
                if (failed > 0) StalledFailed(logger, failed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CheckFailed(logger, e.Message);
            }
        }
    }

    /// <summary>False once the server stops, also when it stops because start-up failed.</summary>
    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "{Count} installs made no progress for too long and are now failed")]
    private static partial void StalledFailed(ILogger logger, int count);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "Checking for stalled installs failed: {Reason}")]
    private static partial void CheckFailed(ILogger logger, string reason);
}
