using System.Globalization;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Tracking;

namespace QaBot.Core.Scheduling;

/// <summary>
/// The council's policy applied to one item: when it is overdue, how far it has escalated, and whether a person may
/// move its due date. Pure functions of their arguments, the calendar and the policy.
/// </summary>
public sealed class ScheduleRules
{
    private readonly FrameworkCatalogue? _catalogue;

    /// <param name="catalogue">Gives each duty's rhythm, which sets how far ahead it is reminded; without it every duty is reminded as a monthly one unless the policy names it.</param>
    public ScheduleRules(CouncilCalendar calendar, SchedulePolicy policy, FrameworkCatalogue? catalogue = null)
    {
        Calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _catalogue = catalogue;
    }

    public CouncilCalendar Calendar { get; }

    public SchedulePolicy Policy { get; }

    /// <summary>Whether the duty is statutory (its deadline never moves); false when the rules have no catalogue.</summary>
    public bool IsStatutory(DutyId duty) => _catalogue?.FindDuty(duty) is { IsStatutory: true };

    /// <summary>How far ahead <paramref name="duty"/> is reminded, in working days before its due date, largest first (<see cref="SchedulePolicy.LeadsFor"/>).</summary>
    public IReadOnlyList<int> LeadsFor(DutyId duty) => Policy.LeadsFor(duty, _catalogue?.FindDuty(duty)?.Rhythm);

    /// <summary>
    /// When reminders go out for <paramref name="duty"/> due on <paramref name="due"/>: the policy's reminder time
    /// (local) on each of the duty's lead days, that many working days before the due date, largest lead first. The one
    /// rule for reminder instants, whether the item came from a rhythm, a statutory chain or a reschedule.
    /// </summary>
    public IReadOnlyList<(DateOnly Day, DateTimeOffset At)> Reminders(DateOnly due, DutyId duty) => Reminders(due, LeadsFor(duty));

    /// <summary>The reminder instants for <paramref name="duty"/> due on <paramref name="due"/> that are still to come after <paramref name="after"/>.</summary>
    public IReadOnlyList<DateTimeOffset> RemindersAfter(DateOnly due, DutyId duty, DateTimeOffset after) =>
        Reminders(due, duty).Select(r => r.At).Where(at => at > after).ToList();

    /// <summary>The first local date on which an item of <paramref name="duty"/> due on <paramref name="due"/> is in its reminder window: its longest lead before the due date.</summary>
    public DateOnly RemindedFrom(DateOnly due, DutyId duty)
    {
        var leads = LeadsFor(duty);
        return Calendar.AddWorkingDays(due, leads.Count == 0 ? 0 : -leads.Max());
    }

    private (DateOnly Day, DateTimeOffset At)[] Reminders(DateOnly due, IReadOnlyList<int> leads)
    {
        var reminders = new (DateOnly, DateTimeOffset)[leads.Count];
        for (var i = 0; i < leads.Count; i++)
        {
            var day = Calendar.AddWorkingDays(due, -leads[i]);
            reminders[i] = (day, Calendar.ToInstant(day, Policy.ReminderTime));
        }

        return reminders;
    }

    /// <summary>The first local date on which an item due on <paramref name="due"/> is overdue (by default the next working day).</summary>
    public DateOnly OverdueFrom(DateOnly due) => Calendar.AddWorkingDays(due, Policy.OverdueAfterWorkingDays);

    /// <summary>
    /// The exclusive upper bound on due dates of items that are overdue on <paramref name="asOf"/> (by default an item
    /// is overdue from the working day after it was due): everything due before it and still outstanding is overdue.
    /// </summary>
    public DateOnly OverdueDueBefore(DateOnly asOf)
    {
        // OverdueFrom never decreases as the due date moves later, so the overdue due dates are everything up to the
        // last date whose OverdueFrom has been reached.
        var due = asOf;
        while (OverdueFrom(due) > asOf)
        {
            due = due.AddDays(-1);
        }

        return due.AddDays(1);
    }

    /// <summary>Outstanding and overdue on <paramref name="asOf"/>: on or after <see cref="OverdueFrom"/> its (rescheduled) due date.</summary>
    public bool IsOverdue(TrackedItem item, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.IsOutstanding && asOf >= OverdueFrom(item.EffectiveDue);
    }

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
    /// The latest date a person may move an item to without approval: the policy's allowance in working days from the
    /// original due date, and never past a statutory deadline.
    /// </summary>
    public DateOnly LatestRescheduleDate(DateOnly originalDue, DateOnly? statutoryDeadline = null)
    {
        var latest = Calendar.AddWorkingDays(originalDue, Policy.RescheduleWithoutApprovalWorkingDays);
        return statutoryDeadline is { } deadline && deadline < latest ? deadline : latest;
    }

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
            return new(RescheduleOutcome.Refused, $"{UkDates.FormatLong(proposed)} has already passed: choose today or a later date.", moved);
        }

        if (!Calendar.IsWorkingDay(proposed))
        {
            var why = Calendar.IsBankHoliday(proposed) ? "a bank holiday" : "a weekend";
            return new(RescheduleOutcome.Refused, $"{UkDates.FormatLong(proposed)} is {why}: choose a working day.", moved);
        }

        if (statutoryDeadline is { } deadline && proposed > deadline)
        {
            return new(RescheduleOutcome.Refused, $"This is a statutory item: it cannot move past its statutory deadline of {UkDates.FormatLong(deadline)}.", moved);
        }

        if (Math.Abs(moved) > Policy.RescheduleWithoutApprovalWorkingDays)
        {
            return new(
                RescheduleOutcome.NeedsApproval,
                string.Create(CultureInfo.InvariantCulture, $"{UkDates.FormatLong(proposed)} moves the due date by {Math.Abs(moved)} working days; more than {Policy.RescheduleWithoutApprovalWorkingDays} needs approval."),
                moved);
        }

        return new(RescheduleOutcome.Allowed, null, moved);
    }

}
