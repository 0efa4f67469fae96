using QaBot.Application.Tracking;
using QaBot.Core.Compliance;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Testing.InMemory;

/// <summary>
/// <see cref="ITrackingStore"/> in memory, with the table store's semantics (the contract suite runs against both):
/// items keyed by their owner's home area and occurrence id, history kept per version, every change conditional on the
/// version read and retried against fresh state up to <see cref="MaxAttempts"/> times, and transfers that leave the
/// audit rows behind in the old area. Writes are never left part-done, so <see cref="RepairAsync"/> finds nothing to finish.
/// </summary>
public sealed class InMemoryTrackingStore : ITrackingStore
{
    /// <summary>Attempts an update makes before it reports a conflict (as the table store).</summary>
    public const int MaxAttempts = 5;

    private const int MaxReminderWindowDays = 400;

    private readonly object _gate = new();
    private readonly Dictionary<ItemKey, Stored> _items = [];
    private readonly Dictionary<ItemKey, History> _history = [];
    private readonly Dictionary<ItemKey, Queue<Func<TrackedItem, ItemChange?>>> _interventions = [];
    private readonly InMemoryVersions _versions = new();
    private readonly Dictionary<(AreaId, ReportMonth), ComplianceCell> _cells = [];
    private ReportMonth? _sealedThrough;
    private readonly Dictionary<AreaId, OpenTally> _open = [];

    /// <summary>
    /// Called inside <see cref="UpdateAsync"/> after the item was read and the change worked out, just before the
    /// conditional write: whatever it changes makes that write conflict, as another writer would.
    /// </summary>
    public Func<ItemKey, CancellationToken, Task>? BetweenReadAndWrite { get; set; }

    /// <summary>Updates that reached the conditional write (successful or not).</summary>
    public int WriteAttempts { get; private set; }

    /// <summary>
    /// Simulates someone else changing the item between this store's read and its write, on each of the next
    /// <paramref name="times"/> updates of it: <paramref name="change"/> is applied (as a real change, with its history)
    /// at that moment, so the update sees a conflict and tries again on the fresh state. <see cref="MaxAttempts"/>
    /// times in a row makes the update end in <see cref="ItemUpdateStatus.Conflict"/>.
    /// </summary>
    public void ChangeBetweenReadAndWrite(ItemKey key, Func<TrackedItem, ItemChange?> change, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_gate)
        {
            if (!_interventions.TryGetValue(key, out var queue))
            {
                _interventions[key] = queue = new Queue<Func<TrackedItem, ItemChange?>>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(change);
            }
        }
    }

    public Task<int> AddIfAbsentAsync(IReadOnlyCollection<NewItem> items, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(origin);
        var unique = items.DistinctBy(i => i.Current.Key).ToList();
        foreach (var item in unique)
        {
            item.Validate();
        }

        var added = 0;
        lock (_gate)
        {
            foreach (var item in unique)
            {
                var current = item.Current;
                if (_items.ContainsKey(current.Key))
                {
                    continue;
                }

                _items[current.Key] = new Stored(current, _versions.Next());
                Count(null, current);
                var history = HistoryOf(current.Key);
                history.Audit[1] = ItemTransitions.Created(item.Created, origin);
                foreach (var change in item.History)
                {
                    history.Record(change);
                }

                added++;
            }
        }

        return Task.FromResult(added);
    }

    public Task<TrackedItem?> GetAsync(ItemKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_items.TryGetValue(key, out var stored) ? stored.Item : null);
        }
    }

    public async Task<ItemUpdateResult> UpdateAsync(ItemKey key, Func<TrackedItem, ItemChange?> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        TrackedItem? latest = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            Stored? read;
            lock (_gate)
            {
                _items.TryGetValue(key, out read);
            }

            if (read is null)
            {
                return new ItemUpdateResult(ItemUpdateStatus.NotFound, null);
            }

            latest = read.Item;
            var next = change(latest);
            if (next is null)
            {
                return new ItemUpdateResult(ItemUpdateStatus.Unchanged, latest);
            }

            if (next.After.Id != key.Id || next.After.Area != key.Area || next.After.Version != latest.Version + 1)
            {
                throw new InvalidOperationException($"A change to item {key} must keep its id and area and count its version up by one; use TransferAsync to move items.");
            }

            Intervene(key);
            if (BetweenReadAndWrite is { } hook)
            {
                await hook(key, cancellationToken).ConfigureAwait(false);
            }

            lock (_gate)
            {
                WriteAttempts++;
                if (_items.TryGetValue(key, out var now) && now.Version == read.Version && !HistoryOf(key).Clashes(next))
                {
                    Apply(next);
                    return new ItemUpdateResult(ItemUpdateStatus.Updated, next.After);
                }
            }
        }

        return new ItemUpdateResult(ItemUpdateStatus.Conflict, latest);
    }

    public Task<IReadOnlyList<TrackedItem>> GetSetAsideAsync(AreaId area, DateOnly dueFrom, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<TrackedItem> setAside = _items.Values
                .Select(s => s.Item)
                .Where(i => i.Status == ItemStatus.NotApplicable && i.Area == area && i.Due >= dueFrom)
                .OrderBy(i => i.Due)
                .ThenBy(i => i.Id.Value, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(setAside);
        }
    }

    public Task<IReadOnlyList<TrackedItem>> GetOpenItemsAsync(Person person, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        lock (_gate)
        {
            IReadOnlyList<TrackedItem> open = _items.Values
                .Select(s => s.Item)
                .Where(i => i.IsOutstanding && i.Area == person.HomeArea && i.Owner == person.Id)
                .OrderBy(i => i.EffectiveDue)
                .ThenBy(i => i.Id.Value, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(open);
        }
    }

    public Task<IReadOnlyList<TrackedItem>> GetOutstandingAsync(AreaId area, DateOnly dueBefore, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<TrackedItem> outstanding = Outstanding(area, dueBefore)
            .OrderBy(i => i.EffectiveDue)
            .ThenBy(i => i.Area.Value, StringComparer.Ordinal)
            .ThenBy(i => i.Id.Value, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(outstanding);
    }

    public Task<IReadOnlyList<TrackedItem>> GetOutstandingKeptInAsync(AreaId area, DateOnly firstDue, DateOnly lastDue, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        lock (_gate)
        {
            IReadOnlyList<TrackedItem> items = _items.Values
                .Select(s => s.Item)
                .Where(i => i.IsOutstanding && i.Area == area && i.EffectiveDue >= firstDue && i.EffectiveDue <= lastDue)
                .OrderBy(i => i.EffectiveDue)
                .ThenBy(i => i.Id.Value, StringComparer.Ordinal)
                .Take(max)
                .ToList();
            return Task.FromResult(items);
        }
    }

    public Task<IReadOnlyList<TrackedItem>> GetOutstandingByKeyAsync(AreaId area, IReadOnlyList<OpenKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            IReadOnlyList<TrackedItem> items = keys
                .Select(k => _items.TryGetValue(new ItemKey(area, k.Item), out var stored) && stored.Item.IsOutstanding && stored.Item.EffectiveDue == k.Due ? stored.Item : null)
                .OfType<TrackedItem>()
                .ToList();
            return Task.FromResult(items);
        }
    }

    public Task<IReadOnlyList<AreaDutyCount>> CountOutstandingAsync(AreaId area, DateOnly dueBefore, CancellationToken cancellationToken = default) =>
        Task.FromResult(OverdueSummary.ByAreaAndDuty(Outstanding(area, dueBefore), area));

    public Task<IReadOnlyList<ReminderDue>> GetDueForReminderAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken = default)
    {
        if (upTo <= after)
        {
            return Task.FromResult<IReadOnlyList<ReminderDue>>([]);
        }

        if (DateOnly.FromDateTime(upTo.UtcDateTime).DayNumber - DateOnly.FromDateTime(after.UtcDateTime).DayNumber > MaxReminderWindowDays)
        {
            throw new ArgumentOutOfRangeException(nameof(after), $"A reminder window may span at most {MaxReminderWindowDays} days.");
        }

        lock (_gate)
        {
            IReadOnlyList<ReminderDue> due = _items.Values
                .Select(s => s.Item)
                .Where(i => i.IsOutstanding)
                .SelectMany(i => i.RemindAt.Distinct().Where(at => at > after && at <= upTo).Select(at => new ReminderDue(i.Key, i.Owner, at)))
                .OrderBy(r => r.RemindAt)
                .ThenBy(r => r.Item.Id.Value, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(due);
        }
    }

    public Task<IReadOnlyList<ItemReply>> GetRepliesAsync(ItemKey key, CancellationToken cancellationToken = default) =>
        ReadHistory(key, h => h.Replies.Values);

    public Task<IReadOnlyList<ItemNudge>> GetNudgesAsync(ItemKey key, CancellationToken cancellationToken = default) =>
        ReadHistory(key, h => h.Nudges.Values);

    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(ItemKey key, CancellationToken cancellationToken = default) =>
        ReadHistory(key, h => h.Audit.Values);

    public Task<int> TransferAsync(ItemTransfer transfer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        var moved = 0;
        lock (_gate)
        {
            var candidates = _items.Values
                .Select(s => s.Item)
                .Where(i => i.Area == transfer.FromArea && i.Owner == transfer.From && (transfer.Kind == TransferKind.MoveWithOwner || i.IsOutstanding))
                .OrderBy(i => i.Id.Value, StringComparer.Ordinal)
                .ToList();
            foreach (var before in candidates)
            {
                var change = transfer.Kind == TransferKind.MoveWithOwner
                    ? ItemTransitions.Move(before, transfer.To.HomeArea, transfer.At, transfer.Actor, transfer.Origin)
                    : ItemTransitions.Reassign(before, transfer.To, transfer.At, transfer.Actor, transfer.Origin);
                if (change is null)
                {
                    continue;
                }

                if (change.After.Area != before.Area)
                {
                    // The item and its history go to the new area; the old area keeps its audit rows, never deleted.
                    var old = HistoryOf(before.Key);
                    var target = HistoryOf(change.After.Key);
                    target.CopyFrom(old);
                    old.Replies.Clear();
                    old.Nudges.Clear();
                    _items.Remove(before.Key);
                }

                Apply(change, before);
                moved++;
            }
        }

        return Task.FromResult(moved);
    }

    /// <summary>Nothing is left part-written here; fills again the open tallies' kept keys that replies have used up, as the table store does.</summary>
    public Task<int> RepairAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var open in _open.Values.Where(o => o.NeedsOldest))
            {
                open.FillOldest(_items.Values.Select(s => s.Item).Where(i => i.IsOutstanding && i.Area == open.Area).Select(i => new OpenKey(i.EffectiveDue, i.Id)));
            }
        }

        return Task.FromResult(0);
    }

    private void Intervene(ItemKey key)
    {
        lock (_gate)
        {
            if (!_interventions.TryGetValue(key, out var queue) || queue.Count == 0 || !_items.TryGetValue(key, out var stored))
            {
                return;
            }

            if (queue.Dequeue()(stored.Item) is { } change)
            {
                Apply(change);
            }
            else
            {
                // A write that changes nothing still gives the record a new version, as a table write does.
                _items[key] = stored with { Version = _versions.Next() };
            }
        }
    }

    /// <summary>Writes the change, its history and its compliance counts; the caller holds the lock.</summary>
    private void Apply(ItemChange change, TrackedItem? before = null)
    {
        before ??= _items.TryGetValue(change.After.Key, out var stored) ? stored.Item : null;
        _items[change.After.Key] = new Stored(change.After, _versions.Next());
        HistoryOf(change.After.Key).Record(change);
        Count(before, change.After);
    }

    /// <summary>Keeps the compliance model in step with an item change; the caller holds the lock.</summary>
    private void Count(TrackedItem? before, TrackedItem? after)
    {
        var (remove, add) = ComplianceCell.Change(before, after);
        foreach (var (entry, sign) in new[] { (remove, -1), (add, 1) })
        {
            if (entry is not { } e)
            {
                continue;
            }

            if (!_cells.TryGetValue((e.Area, e.Month), out var cell))
            {
                _cells[(e.Area, e.Month)] = cell = new ComplianceCell(e.Area, e.Month);
            }

            cell.Apply(e, sign);
            if (!_open.TryGetValue(e.Area, out var open))
            {
                _open[e.Area] = open = new OpenTally(e.Area);
            }

            open.Apply(e, sign);
        }
    }

    /// <summary>The stored open tallies within the area (every area when null), as copies.</summary>
    internal IReadOnlyList<OpenTally> OpenTallies(AreaId? area)
    {
        lock (_gate)
        {
            return _open.Values
                .Where(t => (area is not { } within || t.Area.IsWithin(within)) && !t.IsEmpty)
                .Select(t => t.Copy())
                .ToList();
        }
    }

    /// <summary>The stored compliance cells within the area and months given, as copies.</summary>
    internal IReadOnlyList<ComplianceCell> Cells(AreaId? area, ReportMonth first, ReportMonth last)
    {
        lock (_gate)
        {
            return _cells.Values
                .Where(c => (area is not { } within || c.Area.IsWithin(within)) && c.Month >= first && c.Month <= last && c.Duties.Count > 0)
                .Select(Copy)
                .ToList();
        }
    }

    /// <summary>The compliance cells counted afresh from every item due in the months given.</summary>
    internal IReadOnlyList<ComplianceCell> Recount(ReportMonth first, ReportMonth last)
    {
        lock (_gate)
        {
            return ComplianceCell.Recount(_items.Values.Select(s => s.Item).Where(i => ReportMonth.Of(i.Due) >= first && ReportMonth.Of(i.Due) <= last));
        }
    }

    /// <summary>The open tallies counted afresh from every outstanding item.</summary>
    internal IReadOnlyList<OpenTally> RecountOpen()
    {
        lock (_gate)
        {
            return OpenTally.Recount(_items.Values.Select(s => s.Item).Where(i => i.IsOutstanding));
        }
    }

    /// <summary>Puts open tallies in place of the stored ones, as a rebuild does.</summary>
    internal void ReplaceOpen(IEnumerable<OpenTally> tallies)
    {
        lock (_gate)
        {
            foreach (var tally in tallies)
            {
                _open[tally.Area] = tally.Copy();
            }
        }
    }

    /// <summary>The last month sealed against recounts (see <see cref="QaBot.Application.Compliance.IComplianceStore.GetSealedThroughAsync"/>).</summary>
    internal ReportMonth? SealedThrough
    {
        get
        {
            lock (_gate)
            {
                return _sealedThrough;
            }
        }
    }

    internal void SealThrough(ReportMonth month)
    {
        lock (_gate)
        {
            if (_sealedThrough is not { } sealedThrough || month > sealedThrough)
            {
                _sealedThrough = month;
            }
        }
    }

    /// <summary>Puts cells in place of the stored ones, as a rebuild does.</summary>
    internal void ReplaceCells(IEnumerable<ComplianceCell> cells)
    {
        lock (_gate)
        {
            foreach (var cell in cells)
            {
                _cells[(cell.Area, cell.Month)] = Copy(cell);
            }
        }
    }

    /// <summary>Changes a stored cell (and its area's open tally) behind the model's back, as a lost write would: for testing the rebuild.</summary>
    public void CorruptCell(ComplianceEntry entry, int sign)
    {
        lock (_gate)
        {
            if (!_cells.TryGetValue((entry.Area, entry.Month), out var cell))
            {
                _cells[(entry.Area, entry.Month)] = cell = new ComplianceCell(entry.Area, entry.Month);
            }

            cell.Apply(entry, sign);
            if (!_open.TryGetValue(entry.Area, out var open))
            {
                _open[entry.Area] = open = new OpenTally(entry.Area);
            }

            open.Apply(entry, sign);
        }
    }

    private static ComplianceCell Copy(ComplianceCell cell)
    {
        var copy = new ComplianceCell(cell.Area, cell.Month);
        foreach (var (duty, tally) in cell.Duties)
        {
            var t = new DutyTally();
            t.Add(tally);
            copy.Duties[duty] = t;
        }

        return copy;
    }

    private List<TrackedItem> Outstanding(AreaId area, DateOnly dueBefore)
    {
        lock (_gate)
        {
            return _items.Values
                .Select(s => s.Item)
                .Where(i => i.IsOutstanding && i.Area.IsWithin(area) && i.EffectiveDue < dueBefore)
                .ToList();
        }
    }

    private Task<IReadOnlyList<T>> ReadHistory<T>(ItemKey key, Func<History, IEnumerable<T>> rows)
    {
        lock (_gate)
        {
            IReadOnlyList<T> list = _history.TryGetValue(key, out var history) ? rows(history).ToList() : [];
            return Task.FromResult(list);
        }
    }

    private History HistoryOf(ItemKey key)
    {
        if (!_history.TryGetValue(key, out var history))
        {
            _history[key] = history = new History();
        }

        return history;
    }

    private sealed record Stored(TrackedItem Item, string Version);

    /// <summary>An item's replies, nudges and audit entries in one area, each under the version of the change that made it.</summary>
    private sealed class History
    {
        public SortedDictionary<int, ItemReply> Replies { get; } = [];

        public SortedDictionary<int, ItemNudge> Nudges { get; } = [];

        public SortedDictionary<int, AuditEntry> Audit { get; } = [];

        /// <summary>True when a row the change adds is already there: the table store's transaction fails on it.</summary>
        public bool Clashes(ItemChange change)
        {
            var version = change.After.Version;
            return Audit.ContainsKey(version)
                || (change.Reply is not null && Replies.ContainsKey(version))
                || (change.Nudge is not null && Nudges.ContainsKey(version));
        }

        public void Record(ItemChange change)
        {
            var version = change.After.Version;
            Audit[version] = change.Audit;
            if (change.Reply is { } reply)
            {
                Replies[version] = reply;
            }

            if (change.Nudge is { } nudge)
            {
                Nudges[version] = nudge;
            }
        }

        public void CopyFrom(History other)
        {
            foreach (var (version, reply) in other.Replies)
            {
                Replies[version] = reply;
            }

            foreach (var (version, nudge) in other.Nudges)
            {
                Nudges[version] = nudge;
            }

            foreach (var (version, audit) in other.Audit)
            {
                Audit[version] = audit;
            }
        }
    }
}
