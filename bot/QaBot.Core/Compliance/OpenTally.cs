using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Core.Compliance;

/// <summary>
/// The compliance model's open items of one area (the area items are kept in), whatever month they fell due in: per
/// duty, how many are open by the date they are due now. The same entries as the month cells' open counts, kept
/// together so that "what's overdue" is worked out at read time from one small tally per area and today's cut-off.
/// </summary>
public sealed class OpenTally
{
    public OpenTally(AreaId area) => Area = area;

    public AreaId Area { get; }

    public SortedDictionary<DutyId, SortedDictionary<DateOnly, int>> Duties { get; } = new(Comparer<DutyId>.Create((a, b) => string.CompareOrdinal(a.Value, b.Value)));

    public bool IsEmpty => Duties.Count == 0;

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

        Add(entry.Duty, entry.OpenDue, sign);
        return true;
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

    /// <summary>The open tallies the items make, counted afresh, one per area that has open items.</summary>
    public static IReadOnlyList<OpenTally> Recount(IEnumerable<TrackedItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var tallies = new Dictionary<AreaId, OpenTally>();
        foreach (var entry in items.Select(ComplianceEntry.Of).Where(e => e.Outcome == ComplianceOutcome.Open))
        {
            if (!tallies.TryGetValue(entry.Area, out var tally))
            {
                tallies[entry.Area] = tally = new OpenTally(entry.Area);
            }

            tally.Apply(entry, 1);
        }

        return tallies.Values.OrderBy(t => t.Area.Value, StringComparer.Ordinal).ToList();
    }
}

/// <summary>How many open items of one duty, kept in one area, are due on one date.</summary>
public readonly record struct OpenCount(AreaId Area, DutyId Duty, DateOnly Due, int Count);
