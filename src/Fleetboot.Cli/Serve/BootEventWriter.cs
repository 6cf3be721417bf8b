using Fleetboot.Core.Events;
using Fleetboot.Core.Lifecycle;
using Microsoft.Extensions.Hosting;

namespace Fleetboot.Cli.Serve;

/// <summary>Runs the boot event recorder's write loop for the lifetime of the server, with the lifecycle observing it.</summary>
internal sealed class BootEventWriter(BootEventRecorder recorder, MachineLifecycle lifecycle) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => recorder.RunAsync([lifecycle], stoppingToken);
}
