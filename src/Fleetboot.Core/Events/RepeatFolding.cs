namespace Fleetboot.Core.Events;

/// <summary>How the timeline folds a machine's identical consecutive events into the first one (<see cref="RepeatFolder"/>).</summary>
public sealed record RepeatFolding
{
    /// <summary>A repeat folds when it comes at most this long after the one before it.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A folded count is written this long after its first unwritten repeat, up to twice this long for repeats folded as they were recorded (and when the server stops).</summary>
    public TimeSpan WriteEvery { get; init; } = TimeSpan.FromSeconds(5);
}
