using QaBot.Core.Calendar;

namespace QaBot.Core.Scheduling;

/// <summary>How one duty is placed in its periods: the due rule and the year its yearly periods follow.</summary>
public sealed record DutySchedule(DueRule Due, YearBasis Year)
{
    public static DutySchedule Default { get; } = new(DueRule.LastWorkingDay, YearBasis.Calendar);

    /// <summary>
    /// True when <see cref="Due"/> was given for this duty and must be followed; false when only other settings were,
    /// so that the engine may place it to keep days from piling up (<see cref="SchedulePolicy.MostDueOnOneDay"/>).
    /// </summary>
    public bool DueGiven { get; init; } = true;

    /// <summary>This duty's own reminder lead times (working days before the due date, largest first); null follows its rhythm.</summary>
    public IReadOnlyList<int>? ReminderLeadWorkingDays { get; init; }
}
