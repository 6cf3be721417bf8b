namespace Fleetboot.Core.Events;

/// <summary>
/// Folds each machine's identical consecutive events into the first one, the way syslog says "last message repeated
/// N times": a machine looping on its boot script, or a monitor polling it, adds one row and a count rather than a row
/// per request. A count is written <see cref="RepeatFolding.WriteEvery"/> after its first unwritten repeat, so the
/// writes of many looping machines spread out instead of coming in bursts.
/// <para>
/// Most repeats fold where they are recorded (<see cref="FoldAtSource"/>), so that they never wait in the recorder's
/// queue: in a boot storm those waiting events were most of what each garbage collection had to keep. That is only
/// safe when nothing of the machine is still queued (else the repeat would be counted before an event that came
/// first), so the folder counts the queued events per machine, and events whose machine is not known yet (resolved
/// later by MAC or address) stop folding at the source for everyone until they are through. The rest fold in the
/// recorder's loop (<see cref="Fold"/>), in order.
/// </para>
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

        /// <summary>A repeat was folded at the source since observers last saw this run.</summary>
        public bool Unobserved { get; set; }
    }

    private readonly Lock _lock = new();

    // Each machine's newest run; runs with unwritten repeats, oldest first (a run that a different event ended stays
    // queued until written); runs whose first event waits for its id from storage.
    private readonly Dictionary<string, Run> _latest = new(StringComparer.Ordinal);
    private readonly Queue<(Run Run, long Since)> _unwritten = new();
    private readonly List<Run> _unstored = [];
    private DateTimeOffset _newest = DateTimeOffset.MinValue;
    private long _lastSweep = Environment.TickCount64;

    // Events in the recorder's queue: per machine, and those whose machine the loop still has to find.
    private readonly Dictionary<string, int> _queued = new(StringComparer.Ordinal);
    private int _queuedUnresolved;

    private long WriteEveryMs => (long)settings.WriteEvery.TotalMilliseconds;

    /// <summary>Some run may still fold a repeat, so counts may come due without anything in the queue.</summary>
    public bool IsTracking
    {
        get
        {
            lock (_lock) return _latest.Count > 0 || _unwritten.Count > 0;
        }
    }

    /// <summary>How long until <see cref="Due"/> has a count to write.</summary>
    public TimeSpan NextWriteIn
    {
        get
        {
            lock (_lock)
            {
                return _unwritten.TryPeek(out var oldest)
                    ? TimeSpan.FromMilliseconds(Math.Max(1, oldest.Since + WriteEveryMs - Environment.TickCount64))
                    : settings.WriteEvery;
            }
        }
    }

    /// <summary>
    /// From any thread, as <paramref name="e"/> is recorded: true when it repeats its machine's previous event and
    /// nothing of that machine is queued, so it was counted and needs no queueing. False: the caller queues it.
    /// </summary>
    public bool FoldAtSource(BootEvent e)
    {
        lock (_lock)
        {
            if (KnownAtSource(e) is not { } machine)
            {
                _queuedUnresolved++;
                return false;
            }
            if (_queuedUnresolved == 0 && !_queued.ContainsKey(machine) && FoldLocked(machine, e) is { } run)
            {
                run.Unobserved = true;
                return true;
            }
            _queued[machine] = _queued.GetValueOrDefault(machine) + 1;
            return false;
        }
    }

    /// <summary>In the recorder's loop, in order: true when <paramref name="resolved"/> repeats its machine's previous event and was counted there.</summary>
    /// <param name="recorded">The event as it was queued (before its machine was resolved).</param>
    public bool Fold(BootEvent recorded, BootEvent resolved)
    {
        lock (_lock)
        {
            Dequeued(recorded);
            if (resolved.MachineId is not { } machine)
            {
                if (resolved.Time > _newest) _newest = resolved.Time;
                return false;
            }
            if (FoldLocked(machine, resolved) is not null) return true;
            var next = new Run(resolved);
            _latest[machine] = next;
            _unstored.Add(next);
            return false;
        }
    }

    /// <summary>A queued event was dropped (the queue was full) before the loop folded it.</summary>
    public void Dropped(BootEvent recorded)
    {
        lock (_lock) Dequeued(recorded);
    }

    /// <summary>Gives the runs begun since the last call the ids that storage gave their first events.</summary>
    /// <param name="batch">The events handed to storage, in order; <paramref name="stored"/> the same events as stored.</param>
    public void Stored(IReadOnlyList<BootEvent> batch, IReadOnlyList<BootEvent> stored)
    {
        lock (_lock)
        {
            var next = 0;
            for (var i = 0; i < batch.Count && next < _unstored.Count; i++)
                if (ReferenceEquals(batch[i], _unstored[next].First)) _unstored[next++].Id = stored[i].Id;
            _unstored.Clear();
        }
    }

    /// <summary>The batch was not stored: its runs are forgotten, with what was folded into them.</summary>
    public void NotStored()
    {
        lock (_lock)
        {
            foreach (var run in _unstored)
            {
                run.Id = -1;
                var machine = run.First.MachineId!;
                if (_latest.TryGetValue(machine, out var latest) && ReferenceEquals(latest, run)) _latest.Remove(machine);
            }
            _unstored.Clear();
        }
    }

    /// <summary>
    /// The counts to write now: those whose first unwritten repeat is <see cref="RepeatFolding.WriteEvery"/> old, or
    /// every one with <paramref name="all"/>; and, for the observers, the newest repeat of each of those runs that
    /// folded at the source (they never saw those repeats one by one).
    /// </summary>
    public (IReadOnlyList<BootEventRepeat> Counts, IReadOnlyList<BootEvent> Repeats) Due(bool all)
    {
        lock (_lock)
        {
            var now = Environment.TickCount64;
            List<BootEventRepeat>? due = null;
            List<BootEvent>? repeats = null;
            while (_unwritten.TryPeek(out var oldest) && (all || now - oldest.Since >= WriteEveryMs))
            {
                var run = _unwritten.Dequeue().Run;
                run.Queued = false;
                if (run.Id > 0) (due ??= []).Add(new BootEventRepeat(run.Id, run.Count, run.Last));
                if (run.Unobserved)
                {
                    run.Unobserved = false;
                    (repeats ??= []).Add(run.First with { Time = run.Last });
                }
            }
            ForgetStaleRuns(now);
            return ((IReadOnlyList<BootEventRepeat>?)due ?? [], (IReadOnlyList<BootEvent>?)repeats ?? []);
        }
    }

    /// <summary>The loop passes such events through unresolved (see the recorder's ResolveAsync), so their machine is known as they are recorded.</summary>
    private static string? KnownAtSource(BootEvent e) => e.MachineId is { Length: > 0 } id && e.Mac is not null ? id : null;

    private void Dequeued(BootEvent recorded)
    {
        if (KnownAtSource(recorded) is not { } machine)
        {
            _queuedUnresolved--;
            return;
        }
        var left = _queued.GetValueOrDefault(machine) - 1;
        if (left > 0) _queued[machine] = left;
        else _queued.Remove(machine);
    }

    /// <returns>The run <paramref name="e"/> was counted in; null when it repeats nothing.</returns>
    private Run? FoldLocked(string machine, BootEvent e)
    {
        if (e.Time > _newest) _newest = e.Time;
        if (!_latest.TryGetValue(machine, out var run) || run.Id < 0
            || (e.Time - run.Last).Duration() > settings.Window || !e.SameStepAs(run.First))
            return null;
        run.Count++;
        if (e.Time > run.Last) run.Last = e.Time;
        if (!run.Queued)
        {
            run.Queued = true;
            _unwritten.Enqueue((run, Environment.TickCount64));
        }
        return run;
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
