using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Core.Compliance;

/// <summary>
/// Turns the model's cells into report lines: sums along the area tree, one line per group and month, the on-time
/// rate and its change from the month before. The same lines feed the chat answer, the CSV and the workbook.
/// </summary>
public static class ComplianceReport
{
    /// <summary>
    /// The lines for <paramref name="area"/> from <paramref name="from"/> to <paramref name="to"/>. Cells outside the
    /// area are ignored; cells of the month before <paramref name="from"/> are used for the first month's change.
    /// </summary>
    /// <param name="overdueDueBefore">Open items due before this date count as overdue (the council's cut-off today).</param>
    public static IReadOnlyList<ComplianceFigures> Lines(
        IEnumerable<ComplianceCell> cells,
        AreaId area,
        ReportMonth from,
        ReportMonth to,
        ComplianceGrouping grouping,
        DateOnly overdueDueBefore)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (to < from)
        {
            throw new ArgumentException($"The report runs from {from} to {to}: the end is before the start.", nameof(to));
        }

        var sums = new Dictionary<(AreaId Area, DutyId? Duty, ReportMonth Month), DutyTally>();
        foreach (var cell in cells.Where(c => c.Area.IsWithin(area) && c.Month >= from.Previous() && c.Month <= to))
        {
            var groupArea = grouping is ComplianceGrouping.Area or ComplianceGrouping.AreaTotal ? ChildContaining(area, cell.Area) : area;
            foreach (var (duty, tally) in cell.Duties)
            {
                DutyId? groupDuty = grouping is ComplianceGrouping.Month or ComplianceGrouping.AreaTotal ? null : duty;
                var key = (groupArea, groupDuty, cell.Month);
                if (!sums.TryGetValue(key, out var sum))
                {
                    sums[key] = sum = new DutyTally();
                }

                sum.Add(tally);
            }
        }

        var lines = new List<ComplianceFigures>();
        foreach (var ((lineArea, duty, month), tally) in sums.Where(s => s.Key.Month >= from))
        {
            var figures = ComplianceFigures.Of(lineArea, duty, month, tally, overdueDueBefore);
            if (sums.TryGetValue((lineArea, duty, month.Previous()), out var before))
            {
                var previous = ComplianceFigures.Of(lineArea, duty, month.Previous(), before, overdueDueBefore);
                figures = figures with
                {
                    PreviousRateBase = previous.RateBase,
                    ChangePoints = figures.OnTimeRate is { } now && previous.OnTimeRate is { } then ? Math.Round((now - then) * 100, 1) : null,
                };
            }

            lines.Add(figures);
        }

        return lines
            .OrderBy(l => l.Area.Value, StringComparer.Ordinal)
            .ThenBy(l => l.Duty?.Value, StringComparer.Ordinal)
            .ThenBy(l => l.Month)
            .ToList();
    }

    /// <summary>
    /// The lines with the lowest on-time rates (ties by most overdue), for "where are we weakest". Lines whose rate
    /// rests on fewer than <paramref name="minimumBase"/> items are left out: one late item in a tiny team is not a finding.
    /// </summary>
    public static IReadOnlyList<ComplianceFigures> Weakest(IEnumerable<ComplianceFigures> lines, int count, int minimumBase)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines
            .Where(l => l.OnTimeRate is not null && l.RateBase >= minimumBase)
            .OrderBy(l => l.OnTimeRate)
            .ThenByDescending(l => l.Overdue)
            .ThenBy(l => l.Area.Value, StringComparer.Ordinal)
            .ThenBy(l => l.Duty?.Value, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    /// <summary>The area directly below <paramref name="within"/> that holds <paramref name="area"/>, or the area itself.</summary>
    public static AreaId ChildContaining(AreaId within, AreaId area)
    {
        if (area == within)
        {
            return within;
        }

        var child = area;
        while (child.Parent is { } parent && parent != within)
        {
            child = parent;
        }

        return child;
    }
}
