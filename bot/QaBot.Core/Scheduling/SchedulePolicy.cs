using QaBot.Core.Configuration;
using QaBot.Core.Framework;

namespace QaBot.Core.Scheduling;

/// <summary>The council's scheduling policy as plain values (built from <see cref="ScheduleOptions"/>).</summary>
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

    public static SchedulePolicy Default { get; } = From(new ScheduleOptions());

    public DutySchedule For(DutyId duty) => Duties.TryGetValue(duty, out var schedule) ? schedule : DutySchedule.Default;

    /// <summary>Builds the policy from validated options.</summary>
    public static SchedulePolicy From(ScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var leads = options.ReminderLeadWorkingDays.Count == 0
            ? DefaultReminderLeadWorkingDays
            : options.ReminderLeadWorkingDays.Distinct().OrderDescending().ToArray();

        var duties = new Dictionary<DutyId, DutySchedule>();
        foreach (var (id, duty) in options.Duties)
        {
            var due = DueRule.LastWorkingDay;
            if (duty.Due is not null && !DueRule.TryParse(duty.Due, out due, out var problem))
            {
                throw new ArgumentException($"Schedule:Duties:{id}:Due: {problem}.", nameof(options));
            }

            duties[new DutyId(id)] = new DutySchedule(due, duty.Year ?? DutySchedule.Default.Year);
        }

        return new SchedulePolicy(
            options.DueDateOnNonWorkingDay,
            options.ReminderTime,
            leads,
            options.OverdueAfterWorkingDays,
            options.EscalateToLineManagerAfterWorkingDays,
            options.EscalateToNextLevelAfterWorkingDays,
            options.RescheduleWithoutApprovalWorkingDays,
            options.NewAssignmentNoticeWorkingDays,
            duties);
    }
}
