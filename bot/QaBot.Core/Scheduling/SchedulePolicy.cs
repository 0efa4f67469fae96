using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Core.Scheduling;

/// <summary>The council's scheduling policy as plain values (configured in the <c>Schedule</c> section).</summary>
/// <param name="ReminderLeadWorkingDays">
/// Working days before the due date, largest first; 0 is the due date itself. For duties monthly or more often and for
/// statutory deadlines; <see cref="LongerRhythmLeads"/> gives the rest and a duty's own schedule can override both.
/// </param>
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

    /// <summary>The defaults for longer rhythms: quarterly ten working days ahead, twice-yearly and yearly twenty.</summary>
    public static IReadOnlyDictionary<RhythmBand, IReadOnlyList<int>> DefaultLongerRhythmLeads { get; } = new Dictionary<RhythmBand, IReadOnlyList<int>>
    {
        [RhythmBand.Quarterly] = [10, 0],
        [RhythmBand.HalfYearly] = [20, 0],
        [RhythmBand.Yearly] = [20, 0],
    };

    /// <summary>Reminder lead times for quarterly, twice-yearly and yearly duties, largest first (a band not given uses <see cref="ReminderLeadWorkingDays"/>).</summary>
    public IReadOnlyDictionary<RhythmBand, IReadOnlyList<int>> LongerRhythmLeads { get; init; } = DefaultLongerRhythmLeads;

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

    /// <summary>
    /// How many of one person's duties may fall due on one day before the engine moves the next one elsewhere in its
    /// period (<see cref="DuePlacement"/>); monthly duties stay at the month's end and count towards it. 0 places
    /// every duty at the end of its period.
    /// </summary>
    public int MostDueOnOneDay { get; init; } = 3;

    /// <summary>When a new starter's first supervision falls due and who is supervised at another rhythm (ASYE).</summary>
    public SupervisionPolicy Supervision { get; init; } = SupervisionPolicy.Default;

    /// <summary>
    /// Duties owed only in some services ("if applicable" in the framework): the areas, each with everything below it,
    /// whose people owe the duty. A duty not listed is owed everywhere.
    /// </summary>
    public IReadOnlyDictionary<DutyId, IReadOnlyList<AreaId>> Applicability { get; init; } = new Dictionary<DutyId, IReadOnlyList<AreaId>>();

    /// <summary>Whether someone whose home area is <paramref name="area"/> owes <paramref name="duty"/>.</summary>
    public bool AppliesIn(DutyId duty, AreaId area) =>
        !Applicability.TryGetValue(duty, out var areas) || areas.Count == 0 || areas.Any(area.IsWithin);

    /// <summary>The due rule the council gave <paramref name="duty"/> (<c>Schedule:Duties:{id}:Due</c>), or null when it gave none.</summary>
    public DueRule? DueGivenFor(DutyId duty) => Duties.TryGetValue(duty, out var schedule) && schedule.DueGiven ? schedule.Due : null;

    public DutySchedule For(DutyId duty) => Duties.TryGetValue(duty, out var schedule) ? schedule : DutySchedule.Default;

    /// <summary>
    /// When a duty is reminded, in working days before its due date, largest first: the duty's own setting, else its
    /// rhythm's band (<see cref="LongerRhythmLeads"/>, or <see cref="ReminderLeadWorkingDays"/> for monthly and more
    /// often). <paramref name="rhythm"/> null (a duty the catalogue no longer has) counts as monthly.
    /// </summary>
    public IReadOnlyList<int> LeadsFor(DutyId duty, Rhythm? rhythm)
    {
        if (For(duty).ReminderLeadWorkingDays is { Count: > 0 } own)
        {
            return own;
        }

        var band = rhythm is null ? RhythmBand.MonthlyOrMoreOften : RhythmBands.Of(rhythm);
        return band != RhythmBand.MonthlyOrMoreOften && LongerRhythmLeads.TryGetValue(band, out var leads) && leads.Count > 0
            ? leads
            : ReminderLeadWorkingDays;
    }
}
