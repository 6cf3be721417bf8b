using Fleetboot.Core.Events;
using Microsoft.Extensions.Hosting;

namespace Fleetboot.Cli.Serve;

/// <summary>Runs the boot event recorder's write loop for the lifetime of the server.</summary>
internal sealed class BootEventWriter(BootEventRecorder recorder) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => recorder.RunAsync(stoppingToken);
}
