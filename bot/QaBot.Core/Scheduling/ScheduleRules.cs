using System.Globalization;
using QaBot.Core.Calendar;

namespace QaBot.Core.Scheduling;

/// <summary>
/// The council's policy applied to one item: when it is overdue, how far it has escalated, and whether a person may
/// move its due date. Pure functions of their arguments, the calendar and the policy.
/// </summary>
public sealed class ScheduleRules
{
    public ScheduleRules(CouncilCalendar calendar, SchedulePolicy policy)
    {
        Calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    public CouncilCalendar Calendar { get; }

    public SchedulePolicy Policy { get; }

    /// <summary>The first local date on which an item due on <paramref name="due"/> is overdue (by default the next working day).</summary>
    public DateOnly OverdueFrom(DateOnly due) => Calendar.AddWorkingDays(due, Policy.OverdueAfterWorkingDays);

    /// <summary>True when, at the instant given, the council's local date is on or after <see cref="OverdueFrom"/>.</summary>
    public bool IsOverdue(DateOnly due, DateTimeOffset asOf) => Calendar.LocalDateOf(asOf) >= OverdueFrom(due);

    /// <summary>
    /// How far an item still open on <paramref name="asOf"/> has escalated. Working days overdue are counted from the
    /// first overdue day: with the defaults an item due on Monday is overdue on Tuesday, goes to the line manager on
    /// Friday (after three working days overdue) and to the next level ten working days after Tuesday.
    /// </summary>
    public EscalationLevel EscalationLevelOn(DateOnly due, DateOnly asOf)
    {
        var overdueFrom = OverdueFrom(due);
        if (asOf < overdueFrom)
        {
            return EscalationLevel.None;
        }

        if (asOf >= Calendar.AddWorkingDays(overdueFrom, Policy.EscalateToNextLevelAfterWorkingDays))
        {
            return EscalationLevel.NextLevel;
        }

        return asOf >= Calendar.AddWorkingDays(overdueFrom, Policy.EscalateToLineManagerAfterWorkingDays)
            ? EscalationLevel.LineManager
            : EscalationLevel.None;
    }

    /// <summary>The first local date on which an open item reaches the given escalation level.</summary>
    public DateOnly EscalatesOn(DateOnly due, EscalationLevel level) => level switch
    {
        EscalationLevel.LineManager => Calendar.AddWorkingDays(OverdueFrom(due), Policy.EscalateToLineManagerAfterWorkingDays),
        EscalationLevel.NextLevel => Calendar.AddWorkingDays(OverdueFrom(due), Policy.EscalateToNextLevelAfterWorkingDays),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Give an escalation level."),
    };

    /// <summary>
    /// Whether a person may move an item from its original due date to <paramref name="proposed"/> on
    /// <paramref name="today"/>. Distance is measured from the original due date, so a series of small moves cannot
    /// add up to more than the policy allows without approval. Statutory items never move past their deadline.
    /// </summary>
    public RescheduleDecision EvaluateReschedule(DateOnly originalDue, DateOnly proposed, DateOnly today, DateOnly? statutoryDeadline = null)
    {
        var moved = Calendar.WorkingDaysBetween(originalDue, proposed);
        if (proposed < today)
        {
            return new(RescheduleOutcome.Refused, $"{Uk(proposed)} has already passed: choose today or a later date.", moved);
        }

        if (!Calendar.IsWorkingDay(proposed))
        {
            var why = Calendar.IsBankHoliday(proposed) ? "a bank holiday" : "a weekend";
            return new(RescheduleOutcome.Refused, $"{Uk(proposed)} is {why}: choose a working day.", moved);
        }

        if (statutoryDeadline is { } deadline && proposed > deadline)
        {
            return new(RescheduleOutcome.Refused, $"This is a statutory item: it cannot move past its statutory deadline of {Uk(deadline)}.", moved);
        }

        if (Math.Abs(moved) > Policy.RescheduleWithoutApprovalWorkingDays)
        {
            return new(
                RescheduleOutcome.NeedsApproval,
                string.Create(CultureInfo.InvariantCulture, $"{Uk(proposed)} moves the due date by {Math.Abs(moved)} working days; more than {Policy.RescheduleWithoutApprovalWorkingDays} needs your line manager's approval."),
                moved);
        }

        return new(RescheduleOutcome.Allowed, null, moved);
    }

    private static string Uk(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
}
