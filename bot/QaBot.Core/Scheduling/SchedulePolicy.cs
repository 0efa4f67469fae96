using QaBot.Core.Framework;

namespace QaBot.Core.Scheduling;

/// <summary>The council's scheduling policy as plain values (configured in the <c>Schedule</c> section).</summary>
/// <param name="ReminderLeadWorkingDays">Working days before the due date, largest first; 0 is the due date itself.</param>
public sealed record SchedulePolicy(
    NonWorkingDayRule DueDateOnNonWorkingDay,
    TimeOnly ReminderTime,
    IReadOnlyList<int> ReminderLeadWorkingDays,
    int OverdueAfterWorkingDays,
    int EscalateToLineManagerAfterWorkingDays,
    int EscalateToNextLevelAfterWorkingDays,
    int RescheduleWithoutApprovalWorkingDays,
    int NewAssignmentNoticeWorkingDays,
    IReadOnlyDictionary<DutyId, DutySchedule> Duties)
{
    public static IReadOnlyList<int> DefaultReminderLeadWorkingDays { get; } = [5, 0];

    /// <summary>The defaults docs/configuration.md gives for the <c>Schedule</c> section.</summary>
    public static SchedulePolicy Default { get; } = new(
        NonWorkingDayRule.PreviousWorkingDay,
        new TimeOnly(9, 0),
        DefaultReminderLeadWorkingDays,
        OverdueAfterWorkingDays: 1,
        EscalateToLineManagerAfterWorkingDays: 3,
        EscalateToNextLevelAfterWorkingDays: 10,
        RescheduleWithoutApprovalWorkingDays: 10,
        NewAssignmentNoticeWorkingDays: 5,
        new Dictionary<DutyId, DutySchedule>());

    public DutySchedule For(DutyId duty) => Duties.TryGetValue(duty, out var schedule) ? schedule : DutySchedule.Default;
}
