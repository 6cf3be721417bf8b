namespace Fleetboot.Core.Events;

/// <summary>
/// How much of the timeline is kept: the newest events of each machine, and a cap overall. A machine is pruned once
/// <see cref="MachineSlack"/> events were written for it since it was last pruned, so it may briefly hold that many more.
/// </summary>
public sealed record BootEventRetention
{
    public int PerMachine { get; init; } = 1000;
    public int Total { get; init; } = 200_000;

    /// <summary>Apply the overall cap after this many events are written.</summary>
    public int PruneEvery { get; init; } = 5000;

    public int MachineSlack => Math.Max(1, PerMachine / 10);
}
