using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Core.Compliance;

/// <summary>
/// The compliance model's unit: for one team-level area (the area items are kept in) and one month, the counts per
/// duty of the items that fell due in that month. Larger areas are sums of their cells.
/// </summary>
public sealed class ComplianceCell
{
    public ComplianceCell(AreaId area, ReportMonth month)
    {
        Area = area;
        Month = month;
    }

    public AreaId Area { get; }

    public ReportMonth Month { get; }

    public SortedDictionary<DutyId, DutyTally> Duties { get; } = new(Comparer<DutyId>.Create((a, b) => string.CompareOrdinal(a.Value, b.Value)));

    public bool IsEmpty => Duties.Values.All(d => d.IsEmpty);

    public void Apply(ComplianceEntry entry, int sign)
    {
        if (entry.Area != Area || entry.Month != Month)
        {
            throw new ArgumentException($"An entry for {entry.Area} {entry.Month} does not belong in the cell for {Area} {Month}.", nameof(entry));
        }

        if (!Duties.TryGetValue(entry.Duty, out var tally))
        {
            Duties[entry.Duty] = tally = new DutyTally();
        }

        tally.Apply(entry, sign);
        if (tally.HasNoCounts)
        {
            Duties.Remove(entry.Duty);
        }
    }

    /// <summary>True when both hold the same counts for every duty.</summary>
    public bool SameCounts(ComplianceCell other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Area == other.Area && Month == other.Month
            && Duties.Count == other.Duties.Count
            && Duties.All(d => other.Duties.TryGetValue(d.Key, out var o) && d.Value.SameCounts(o));
    }

    /// <summary>
    /// The cells the items make, counted afresh: what <c>qabot compliance rebuild</c> compares the stored model with.
    /// </summary>
    public static IReadOnlyList<ComplianceCell> Recount(IEnumerable<TrackedItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var cells = new Dictionary<(AreaId, ReportMonth), ComplianceCell>();
        foreach (var item in items)
        {
            var entry = ComplianceEntry.Of(item);
            if (!cells.TryGetValue((entry.Area, entry.Month), out var cell))
            {
                cells[(entry.Area, entry.Month)] = cell = new ComplianceCell(entry.Area, entry.Month);
            }

            cell.Apply(entry, 1);
        }

        return cells.Values.OrderBy(c => c.Area.Value, StringComparer.Ordinal).ThenBy(c => c.Month).ToList();
    }

    /// <summary>
    /// The entries an item change takes away and adds: nothing when the change leaves the figures as they were (a
    /// nudge), otherwise the old entry out and the new one in, which may be in another area or month.
    /// </summary>
    public static (ComplianceEntry? Remove, ComplianceEntry? Add) Change(TrackedItem? before, TrackedItem? after)
    {
        ComplianceEntry? old = before is null ? null : ComplianceEntry.Of(before);
        ComplianceEntry? now = after is null ? null : ComplianceEntry.Of(after);
        return old == now ? (null, null) : (old, now);
    }
}
