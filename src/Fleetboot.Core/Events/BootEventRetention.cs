namespace Fleetboot.Core.Events;

/// <summary>How much of the timeline is kept: the newest events of each machine, and a cap overall.</summary>
public sealed record BootEventRetention
{
    public int PerMachine { get; init; } = 1000;
    public int Total { get; init; } = 200_000;

    /// <summary>Prune after this many events are written.</summary>
    public int PruneEvery { get; init; } = 5000;
}
