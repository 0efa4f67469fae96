using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Core.Compliance;

/// <summary>
/// The compliance model's open items of one area (the area items are kept in), whatever month they fell due in: per
/// duty, how many are open by the date they are due now. The same entries as the month cells' open counts, kept
/// together so that "what's overdue" is worked out at read time from one small tally per area and today's cut-off.
/// Beside the counts it keeps the keys of the area's oldest open items (<see cref="Oldest"/>), so that the first page of
/// "what's overdue" is found by reading those items alone.
/// </summary>
public sealed class OpenTally
{
    /// <summary>How many of the oldest open items' keys a tally keeps: two pages of the overdue answer.</summary>
    public const int OldestKept = 20;

    /// <summary>Below this many kept keys (one page), and with more items open, the keys are filled again from the index.</summary>
    public const int OldestRefillBelow = 10;

    private readonly List<OpenKey> _oldest = [];

    public OpenTally(AreaId area) => Area = area;

    public AreaId Area { get; }

    public SortedDictionary<DutyId, SortedDictionary<DateOnly, int>> Duties { get; } = new(Comparer<DutyId>.Create((a, b) => string.CompareOrdinal(a.Value, b.Value)));

    public bool IsEmpty => Duties.Count == 0;

    /// <summary>How many items are open in the area.</summary>
    public int Total => Duties.Values.Sum(d => d.Values.Sum());

    /// <summary>
    /// The keys of the area's oldest open items in the order the index keeps them (due date, then id): always the first
    /// ones, never with a gap, but fewer than <see cref="OldestKept"/> (or none) when items among them have closed since
    /// they were last filled. An entry without an item id, or a closing item older than the last key that is not among
    /// them, empties them, so they are never wrong, only short.
    /// </summary>
    public IReadOnlyList<OpenKey> Oldest => _oldest;

    /// <summary>True when the kept keys are short of a page and the area has more open items than they hold.</summary>
    public bool NeedsOldest => _oldest.Count < OldestRefillBelow && _oldest.Count < Total;

    /// <summary>Adds (1) or takes away (-1) an open entry; false, and nothing changed, for an entry that is not open.</summary>
    public bool Apply(ComplianceEntry entry, int sign)
    {
        if (sign is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(sign), sign, "An entry is added (1) or taken away (-1).");
        }

        if (entry.Area != Area)
        {
            throw new ArgumentException($"An entry for {entry.Area} does not belong in the open tally of {Area}.", nameof(entry));
        }

        if (entry.Outcome != ComplianceOutcome.Open)
        {
            return false;
        }

        KeepOldest(entry, sign);
        Add(entry.Duty, entry.OpenDue, sign);
        return true;
    }

    /// <summary>
    /// Puts the keys of the area's oldest open items, read from the index in order, in place of those kept, if they agree
    /// with the counts (as many keys on each date before the last as the area has open on it); false, and none kept, if not.
    /// </summary>
    public bool FillOldest(IEnumerable<OpenKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var first = keys.Distinct().Order().Take(OldestKept).ToList();
        _oldest.Clear();
        if (first.Count == 0)
        {
            return Total == 0;
        }

        var last = first[^1].Due;
        var agrees = first.GroupBy(k => k.Due).All(g => g.Key < last ? g.Count() == OpenOn(g.Key) : g.Count() <= OpenOn(g.Key))
            && Duties.Values.SelectMany(d => d.Keys).Where(d => d < last).All(d => first.Any(k => k.Due == d));
        if (agrees)
        {
            _oldest.AddRange(first);
        }

        return agrees;
    }

    /// <summary>
    /// The keys of the open items at positions <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/>
    /// in the area's order, when the kept keys reach that far; null when they do not.
    /// </summary>
    public IReadOnlyList<OpenKey>? OldestAt(int skip, int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        return skip + take <= _oldest.Count ? _oldest.GetRange(skip, take) : null;
    }

    /// <summary>How many items open in the area are due before <paramref name="date"/>.</summary>
    public int OpenBefore(DateOnly date) => Duties.Values.Sum(d => d.Where(o => o.Key < date).Sum(o => o.Value));

    private int OpenOn(DateOnly date) => Duties.Values.Sum(d => d.GetValueOrDefault(date));

    private void KeepOldest(ComplianceEntry entry, int sign)
    {
        if (entry.Item is not { } item)
        {
            _oldest.Clear();
            return;
        }

        var key = new OpenKey(entry.OpenDue, item);
        var at = _oldest.BinarySearch(key);
        if (sign < 0)
        {
            if (at >= 0)
            {
                _oldest.RemoveAt(at);
            }
            else if (~at < _oldest.Count)
            {
                // An open item older than the last kept key was not among them: they were not the oldest after all.
                _oldest.Clear();
            }

            return;
        }

        if (at >= 0)
        {
            return;
        }

        var holdsAll = _oldest.Count == Total;
        if (~at < _oldest.Count || holdsAll)
        {
            _oldest.Insert(~at, key);
            if (_oldest.Count > OldestKept)
            {
                _oldest.RemoveAt(_oldest.Count - 1);
            }
        }
    }

    /// <summary>Sets a count read back from storage.</summary>
    public void Add(DutyId duty, DateOnly due, int count)
    {
        if (!Duties.TryGetValue(duty, out var dates))
        {
            Duties[duty] = dates = [];
        }

        var n = dates.GetValueOrDefault(due) + count;
        if (n == 0)
        {
            dates.Remove(due);
        }
        else
        {
            dates[due] = n;
        }

        if (dates.Count == 0)
        {
            Duties.Remove(duty);
        }
    }

    /// <summary>Open items due before <paramref name="dueBefore"/> (the overdue ones, when that is today's cut-off), by duty and due date.</summary>
    public IEnumerable<OpenCount> DueBefore(DateOnly dueBefore) =>
        Duties.SelectMany(d => d.Value.Where(o => o.Key < dueBefore && o.Value > 0).Select(o => new OpenCount(Area, d.Key, o.Key, o.Value)));

    /// <summary>True when both hold the same counts.</summary>
    public bool SameCounts(OpenTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Area == other.Area
            && Duties.Count == other.Duties.Count
            && Duties.All(d => other.Duties.TryGetValue(d.Key, out var o) && d.Value.SequenceEqual(o));
    }

    /// <summary>True when both hold the same counts and the same oldest keys.</summary>
    public bool Same(OpenTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SameCounts(other) && _oldest.SequenceEqual(other._oldest);
    }

    /// <summary>A copy holding the same counts and oldest keys.</summary>
    public OpenTally Copy()
    {
        var copy = new OpenTally(Area);
        foreach (var (duty, dates) in Duties)
        {
            foreach (var (due, n) in dates)
            {
                copy.Add(duty, due, n);
            }
        }

        copy._oldest.AddRange(_oldest);
        return copy;
    }

    /// <summary>The open tallies the items make, counted afresh, one per area that has open items, with their oldest keys.</summary>
    public static IReadOnlyList<OpenTally> Recount(IEnumerable<TrackedItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var tallies = new Dictionary<AreaId, OpenTally>();
        var keys = new Dictionary<AreaId, List<OpenKey>>();
        foreach (var entry in items.Select(ComplianceEntry.Of).Where(e => e.Outcome == ComplianceOutcome.Open))
        {
            if (!tallies.TryGetValue(entry.Area, out var tally))
            {
                tallies[entry.Area] = tally = new OpenTally(entry.Area);
                keys[entry.Area] = [];
            }

            tally.Add(entry.Duty, entry.OpenDue, 1);
            keys[entry.Area].Add(new OpenKey(entry.OpenDue, entry.Item!.Value));
        }

        foreach (var (area, tally) in tallies)
        {
            tally.FillOldest(keys[area]);
        }

        return tallies.Values.OrderBy(t => t.Area.Value, StringComparer.Ordinal).ToList();
    }
}

/// <summary>How many open items of one duty, kept in one area, are due on one date.</summary>
public readonly record struct OpenCount(AreaId Area, DutyId Duty, DateOnly Due, int Count);

/// <summary>An open item's place in its area's order: the date it is due now, then its id (as the Outstanding index keeps them).</summary>
public readonly record struct OpenKey(DateOnly Due, OccurrenceId Item) : IComparable<OpenKey>
{
    public int CompareTo(OpenKey other)
    {
        var byDate = Due.CompareTo(other.Due);
        return byDate != 0 ? byDate : string.CompareOrdinal(Item.Value, other.Item.Value);
    }

    public static bool operator <(OpenKey left, OpenKey right) => left.CompareTo(right) < 0;

    public static bool operator <=(OpenKey left, OpenKey right) => left.CompareTo(right) <= 0;

    public static bool operator >(OpenKey left, OpenKey right) => left.CompareTo(right) > 0;

    public static bool operator >=(OpenKey left, OpenKey right) => left.CompareTo(right) >= 0;
}
