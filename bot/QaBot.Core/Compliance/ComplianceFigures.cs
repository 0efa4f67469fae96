using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Core.Compliance;

/// <summary>
/// One line of a compliance report: for an area (and everything below it), a duty (or every duty) and a month, the
/// items that fell due and what became of them, with the on-time rate and its change from the month before.
/// </summary>
/// <param name="Duty">The duty, or null for every duty together.</param>
/// <param name="Month">The month, or null for the whole period together.</param>
/// <param name="Overdue">Open items already overdue on the report's date.</param>
/// <param name="ChangePoints">The on-time rate's change from the month before, in percentage points, when both are known.</param>
/// <param name="PreviousRateBase">The month before's rate base, so a change worked out from a small base can be withheld.</param>
public sealed record ComplianceFigures(
    AreaId Area,
    DutyId? Duty,
    ReportMonth? Month,
    int Due,
    int OnTime,
    int Late,
    int NotApplicable,
    int ClosedOther,
    int Open,
    int Overdue,
    IReadOnlyDictionary<string, int> NotApplicableByReason,
    double? ChangePoints = null,
    int? PreviousRateBase = null)
{
    /// <summary>The items the rate is out of: due, less those not applicable and those closed for another reason.</summary>
    public int RateBase => Due - NotApplicable - ClosedOther;

    /// <summary>On time ÷ (due − not applicable − closed for another reason); none when nothing counts.</summary>
    public double? OnTimeRate => RateBase > 0 ? (double)OnTime / RateBase : null;

    /// <summary>
    /// Lines of several months added together, for a period (a quarter): every count sums; the month and the change
    /// are left out, since a change is from one month to the next.
    /// </summary>
    public static ComplianceFigures Combine(AreaId area, DutyId? duty, IReadOnlyCollection<ComplianceFigures> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (reason, count) in lines.SelectMany(l => l.NotApplicableByReason))
        {
            reasons[reason] = reasons.GetValueOrDefault(reason) + count;
        }

        return new ComplianceFigures(
            area,
            duty,
            null,
            lines.Sum(l => l.Due),
            lines.Sum(l => l.OnTime),
            lines.Sum(l => l.Late),
            lines.Sum(l => l.NotApplicable),
            lines.Sum(l => l.ClosedOther),
            lines.Sum(l => l.Open),
            lines.Sum(l => l.Overdue),
            reasons);
    }

    /// <summary>The figures of a tally, with open items overdue when due before <paramref name="overdueDueBefore"/>.</summary>
    public static ComplianceFigures Of(AreaId area, DutyId? duty, ReportMonth? month, DutyTally tally, DateOnly overdueDueBefore)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return new ComplianceFigures(
            area,
            duty,
            month,
            tally.Due,
            tally.OnTime,
            tally.Late,
            tally.NotApplicableTotal,
            tally.ClosedOtherTotal,
            tally.OpenTotal,
            tally.OpenDueBefore(overdueDueBefore),
            new SortedDictionary<string, int>(tally.NotApplicable, StringComparer.Ordinal));
    }
}
