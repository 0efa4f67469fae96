using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Core.Compliance;

/// <summary>
/// What one item adds to the compliance figures: in its area, in the month of its original due date, under its duty,
/// one of the outcomes (docs/compliance.md). Open items carry the date they are due now, so that what is overdue is
/// worked out when the figures are read, and the item's id, so that an area's open tally can keep the keys of its
/// oldest open items (<see cref="OpenTally.Oldest"/>).
/// </summary>
public readonly record struct ComplianceEntry(AreaId Area, ReportMonth Month, DutyId Duty, ComplianceOutcome Outcome, string? Reason, DateOnly OpenDue, OccurrenceId? Item = null)
{
    /// <summary>The reason counted when someone set an item aside without one of the council's reason codes.</summary>
    public const string OtherReason = "other";

    public static ComplianceEntry Of(TrackedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var month = ReportMonth.Of(item.Due);
        return item.Status switch
        {
            ItemStatus.Open or ItemStatus.Rescheduled => new(item.Area, month, item.Duty, ComplianceOutcome.Open, null, item.EffectiveDue, item.Id),
            ItemStatus.Done when item.CompletedOn is { } done => new(item.Area, month, item.Duty, done <= DueInForce(item) ? ComplianceOutcome.OnTime : ComplianceOutcome.Late, null, default, item.Id),
            ItemStatus.Done => throw new ArgumentException($"Item {item.Id} is done but has no completion date.", nameof(item)),
            ItemStatus.NotApplicable => new(item.Area, month, item.Duty, ComplianceOutcome.NotApplicable, item.NotApplicableReason ?? OtherReason, default, item.Id),
            ItemStatus.ClosedOther => new(item.Area, month, item.Duty, ComplianceOutcome.ClosedOther, item.ClosedReason ?? OtherReason, default, item.Id),
            _ => throw new ArgumentOutOfRangeException(nameof(item), item.Status, "Unknown item status."),
        };
    }

    /// <summary>The due date in force: the date it was rescheduled to, if it was, otherwise the original due date.</summary>
    public static DateOnly DueInForce(TrackedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.RescheduledTo ?? item.Due;
    }
}
