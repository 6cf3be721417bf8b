namespace Fleetboot.Core.Events;

/// <summary>
/// Folds each machine's identical consecutive events into the first one, the way syslog says "last message repeated
/// N times": a machine looping on its boot script, or a monitor polling it, adds one row and a count rather than a row
/// per request. A count is written <see cref="RepeatFolding.WriteEvery"/> after its first unwritten repeat, so the
/// writes of many looping machines spread out instead of coming in bursts. Only the recorder's loop uses it.
/// </summary>
internal sealed class RepeatFolder(RepeatFolding settings)
{
    private sealed class Run(BootEvent first)
    {
        public BootEvent First { get; } = first;

        /// <summary>The first event's id; 0 until stored, -1 when it could not be.</summary>
        public long Id { get; set; }

        public int Count { get; set; } = 1;
        public DateTimeOffset Last { get; set; } = first.Time;
        public bool Queued { get; set; }
    }

    // Each machine's newest run; runs with unwritten repeats, oldest first (a run that a different event ended stays
    // queued until written); runs whose first event waits for its id from storage.
    private readonly Dictionary<string, Run> _latest = new(StringComparer.Ordinal);
    private readonly Queue<(Run Run, long Since)> _unwritten = new();
    private readonly List<Run> _unstored = [];
    private DateTimeOffset _newest = DateTimeOffset.MinValue;
    private long _lastSweep = Environment.TickCount64;

    private long WriteEveryMs => (long)settings.WriteEvery.TotalMilliseconds;

    public bool HasUnwritten => _unwritten.Count > 0;

    /// <summary>How long until <see cref="Due"/> has a count to write.</summary>
    public TimeSpan NextWriteIn => _unwritten.TryPeek(out var oldest)
        ? TimeSpan.FromMilliseconds(Math.Max(1, oldest.Since + WriteEveryMs - Environment.TickCount64))
        : settings.WriteEvery;

    /// <summary>True when <paramref name="e"/> repeats its machine's previous event: it was counted there and is not stored.</summary>
    public bool Fold(BootEvent e)
    {
        if (e.Time > _newest) _newest = e.Time;
        if (e.MachineId is not { } machine) return false;
        if (_latest.TryGetValue(machine, out var run) && run.Id >= 0
            && (e.Time - run.Last).Duration() <= settings.Window && e.SameStepAs(run.First))
        {
            run.Count++;
            if (e.Time > run.Last) run.Last = e.Time;
            if (!run.Queued)
            {
                run.Queued = true;
                _unwritten.Enqueue((run, Environment.TickCount64));
            }
            return true;
        }
        var next = new Run(e);
        _latest[machine] = next;
        _unstored.Add(next);
        return false;
    }

    /// <summary>Gives the runs begun since the last call the ids that storage gave their first events.</summary>
    /// <param name="batch">The events handed to storage, in order; <paramref name="stored"/> the same events as stored.</param>
    public void Stored(IReadOnlyList<BootEvent> batch, IReadOnlyList<BootEvent> stored)
    {
        var next = 0;
        for (var i = 0; i < batch.Count && next < _unstored.Count; i++)
            if (ReferenceEquals(batch[i], _unstored[next].First)) _unstored[next++].Id = stored[i].Id;
        _unstored.Clear();
    }

    /// <summary>The batch was not stored: its runs are forgotten, with what was folded into them.</summary>
    public void NotStored()
    {
        foreach (var run in _unstored)
        {
            run.Id = -1;
            var machine = run.First.MachineId!;
            if (_latest.TryGetValue(machine, out var latest) && ReferenceEquals(latest, run)) _latest.Remove(machine);
        }
        _unstored.Clear();
    }

    /// <summary>
    /// The counts to write now: those whose first unwritten repeat is <see cref="RepeatFolding.WriteEvery"/> old, or
    /// every one with <paramref name="all"/>.
    /// </summary>
    public IReadOnlyList<BootEventRepeat> Due(bool all)
    {
        var now = Environment.TickCount64;
        List<BootEventRepeat>? due = null;
        while (_unwritten.TryPeek(out var oldest) && (all || now - oldest.Since >= WriteEveryMs))
        {
            var run = _unwritten.Dequeue().Run;
            run.Queued = false;
            if (run.Id > 0) (due ??= []).Add(new BootEventRepeat(run.Id, run.Count, run.Last));
        }
        ForgetStaleRuns(now);
        return (IReadOnlyList<BootEventRepeat>?)due ?? [];
    }

    /// <summary>Now and then, drops the runs that are too old to fold anything again.</summary>
    private void ForgetStaleRuns(long now)
    {
        if (now - _lastSweep < WriteEveryMs) return;
        _lastSweep = now;
        foreach (var (machine, run) in _latest)
            if (!run.Queued && _newest - run.Last > settings.Window) _latest.Remove(machine);
    }
}
