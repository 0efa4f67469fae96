using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Core.Tracking;

/// <summary>
/// Counts of items by area and duty, the form elected members see (and the first view of a large area for anyone):
/// each item is counted under the area one level below the area asked about that contains it, or under the area
/// itself when it sits there directly. Carries no names.
/// </summary>
public static class OverdueSummary
{
    public static IReadOnlyList<AreaDutyCount> ByAreaAndDuty(IEnumerable<TrackedItem> items, AreaId within)
    {
        ArgumentNullException.ThrowIfNull(items);
        return ByAreaAndDuty(items.Select(i => (i.Area, i.Duty, i.EffectiveDue)), within);
    }

    /// <summary>The same counts from just each item's area, duty and (effective) due date.</summary>
    public static IReadOnlyList<AreaDutyCount> ByAreaAndDuty(IEnumerable<(AreaId Area, DutyId Duty, DateOnly Due)> items, AreaId within)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items
            .Where(i => i.Area.IsWithin(within))
            .GroupBy(i => (Area: Compliance.ComplianceReport.ChildContaining(within, i.Area), i.Duty))
            .Select(g => new AreaDutyCount(g.Key.Area, g.Key.Duty, g.Count(), g.Min(i => i.Due)))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.OldestDue)
            .ThenBy(c => c.Area.Value, StringComparer.Ordinal)
            .ThenBy(c => c.Duty.Value, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The same counts from the compliance model's open counts (<see cref="Compliance.OpenTally.DueBefore"/>), without reading the items.</summary>
    public static IReadOnlyList<AreaDutyCount> ByAreaAndDuty(IEnumerable<Compliance.OpenCount> counts, AreaId within)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts
            .Where(c => c.Area.IsWithin(within) && c.Count > 0)
            .GroupBy(c => (Area: Compliance.ComplianceReport.ChildContaining(within, c.Area), c.Duty))
            .Select(g => new AreaDutyCount(g.Key.Area, g.Key.Duty, g.Sum(c => c.Count), g.Min(c => c.Due)))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.OldestDue)
            .ThenBy(c => c.Area.Value, StringComparer.Ordinal)
            .ThenBy(c => c.Duty.Value, StringComparer.Ordinal)
            .ToList();
    }
}
