using System.ComponentModel.DataAnnotations;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Application.Configuration;

/// <summary>The council's scheduling policy (section <c>Schedule</c>). Every value has the default docs/configuration.md gives.</summary>
public sealed class ScheduleOptions : IValidatableObject
{
    public const string Section = "Schedule";

    /// <summary>Where a due date on a weekend or bank holiday moves to.</summary>
    public NonWorkingDayRule DueDateOnNonWorkingDay { get; set; } = SchedulePolicy.Default.DueDateOnNonWorkingDay;

    /// <summary>The local time (Europe/London) reminders go out at.</summary>
    public TimeOnly ReminderTime { get; set; } = SchedulePolicy.Default.ReminderTime;

    /// <summary>
    /// When reminders go out for duties monthly or more often and for statutory deadlines, in working days before the
    /// due date (0 = on the due date). Empty means the default 5 and 0.
    /// </summary>
    public List<int> ReminderLeadWorkingDays { get; set; } = [];

    /// <summary>
    /// When reminders go out for longer rhythms, keyed by band (<c>Quarterly</c>, <c>HalfYearly</c>, <c>Yearly</c>). A
    /// band not given keeps its default: quarterly 10 and 0, twice-yearly and yearly 20 and 0.
    /// </summary>
    public Dictionary<RhythmBand, List<int>> LongerRhythmReminderLeadWorkingDays { get; set; } = [];

    /// <summary>An item is overdue this many working days after its due date.</summary>
    [Range(1, 20)]
    public int OverdueAfterWorkingDays { get; set; } = SchedulePolicy.Default.OverdueAfterWorkingDays;

    /// <summary>Working days overdue before the item escalates to the line manager.</summary>
    [Range(0, 60)]
    public int EscalateToLineManagerAfterWorkingDays { get; set; } = SchedulePolicy.Default.EscalateToLineManagerAfterWorkingDays;

    /// <summary>Working days overdue before the item escalates to the level above the line manager.</summary>
    [Range(1, 120)]
    public int EscalateToNextLevelAfterWorkingDays { get; set; } = SchedulePolicy.Default.EscalateToNextLevelAfterWorkingDays;

    /// <summary>How many working days a person may move a due date without their manager's approval.</summary>
    [Range(0, 60)]
    public int RescheduleWithoutApprovalWorkingDays { get; set; } = SchedulePolicy.Default.RescheduleWithoutApprovalWorkingDays;

    /// <summary>
    /// Someone new to a role owes an occurrence only when its due date is at least this many working days after the
    /// day they started, so nobody starts with an item due tomorrow.
    /// </summary>
    [Range(0, 20)]
    public int NewAssignmentNoticeWorkingDays { get; set; } = SchedulePolicy.Default.NewAssignmentNoticeWorkingDays;

    /// <summary>
    /// How many of one person's items may fall due on one day before QaBot moves a duty's due date earlier in its
    /// period (to an earlier month's end, then the 15th). 0 keeps every duty at the end of its period.
    /// </summary>
    [Range(0, 20)]
    public int MostDueOnOneDay { get; set; } = SchedulePolicy.Default.MostDueOnOneDay;

    /// <summary>Per-duty placement, keyed by duty id: <c>Due</c> (a due rule) and <c>Year</c> (Calendar, Financial, Municipal).</summary>
    public Dictionary<string, DutyScheduleOptions> Duties { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Duties owed only in some services ("if applicable" in the framework): each entry a duty id and the areas (with
    /// everything below them) whose people owe it. A list, so that it can be set from environment variables:
    /// <c>Schedule__Applicability__0__Duty</c>, <c>Schedule__Applicability__0__Areas__0</c>.
    /// </summary>
    public List<DutyApplicabilityOptions> Applicability { get; set; } = [];

    /// <summary>When a new starter's first supervision falls due and who is supervised at another rhythm (docs/workforce.md).</summary>
    public SupervisionOptions Supervision { get; set; } = new();

    /// <summary>The policy these settings describe; call on validated options.</summary>
    public SchedulePolicy ToPolicy()
    {
        var leads = ReminderLeadWorkingDays.Count == 0 ? SchedulePolicy.DefaultReminderLeadWorkingDays : Largest(ReminderLeadWorkingDays);

        var duties = new Dictionary<DutyId, DutySchedule>();
        foreach (var (id, duty) in Duties)
        {
            var due = DueRule.LastWorkingDay;
            if (duty.Due is not null && !DueRule.TryParse(duty.Due, out due, out var problem))
            {
                throw new InvalidOperationException($"Schedule:Duties:{id}:Due: {problem}.");
            }

            duties[new DutyId(id)] = new DutySchedule(due, duty.Year ?? DutySchedule.Default.Year)
            {
                DueGiven = duty.Due is not null,
                ReminderLeadWorkingDays = duty.ReminderLeadWorkingDays is { Count: > 0 } own ? Largest(own) : null,
            };
        }

        var longer = SchedulePolicy.DefaultLongerRhythmLeads;
        if (LongerRhythmReminderLeadWorkingDays.Values.Any(l => l.Count > 0))
        {
            var configured = new Dictionary<RhythmBand, IReadOnlyList<int>>(longer);
            foreach (var (band, bandLeads) in LongerRhythmReminderLeadWorkingDays.Where(b => b.Value.Count > 0))
            {
                configured[band] = Largest(bandLeads);
            }

            longer = configured;
        }

        var applicability = Applicability
            .Where(a => a.Duty is not null)
            .ToDictionary(a => new DutyId(a.Duty!), a => (IReadOnlyList<AreaId>)a.Areas.Select(text => AreaId.TryParse(text, out var id) ? id : throw new InvalidOperationException($"Schedule:Applicability: '{text}' is not an area id.")).ToArray());

        return new SchedulePolicy(
            DueDateOnNonWorkingDay,
            ReminderTime,
            leads,
            OverdueAfterWorkingDays,
            EscalateToLineManagerAfterWorkingDays,
            EscalateToNextLevelAfterWorkingDays,
            RescheduleWithoutApprovalWorkingDays,
            NewAssignmentNoticeWorkingDays,
            duties)
        {
            LongerRhythmLeads = longer,
            MostDueOnOneDay = MostDueOnOneDay,
            Applicability = applicability.Count == 0 ? SchedulePolicy.Default.Applicability : applicability,
            Supervision = Supervision.ToPolicy(),
        };
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var problem in LeadProblems("Schedule:ReminderLeadWorkingDays", ReminderLeadWorkingDays, nameof(ReminderLeadWorkingDays)))
        {
            yield return problem;
        }

        foreach (var (band, bandLeads) in LongerRhythmReminderLeadWorkingDays)
        {
            if (band == RhythmBand.MonthlyOrMoreOften || !Enum.IsDefined(band))
            {
                yield return new(
                    $"Schedule:LongerRhythmReminderLeadWorkingDays:{band}: give Quarterly, HalfYearly or Yearly (monthly duties follow Schedule:ReminderLeadWorkingDays).",
                    [nameof(LongerRhythmReminderLeadWorkingDays)]);
            }

            foreach (var problem in LeadProblems($"Schedule:LongerRhythmReminderLeadWorkingDays:{band}", bandLeads, nameof(LongerRhythmReminderLeadWorkingDays)))
            {
                yield return problem;
            }
        }

        if (EscalateToNextLevelAfterWorkingDays <= EscalateToLineManagerAfterWorkingDays)
        {
            yield return new(
                $"Schedule:EscalateToNextLevelAfterWorkingDays ({EscalateToNextLevelAfterWorkingDays}) must be more than Schedule:EscalateToLineManagerAfterWorkingDays ({EscalateToLineManagerAfterWorkingDays}).",
                [nameof(EscalateToNextLevelAfterWorkingDays)]);
        }

        foreach (var problem in ApplicabilityProblems())
        {
            yield return problem;
        }

        foreach (var problem in Supervision.Problems("Schedule:Supervision", nameof(Supervision)))
        {
            yield return problem;
        }

        foreach (var (dutyId, duty) in Duties)
        {
            if (!Slug.IsValid(dutyId))
            {
                yield return new($"Schedule:Duties:{dutyId}: '{dutyId}' is not a duty id (lowercase letters, digits and hyphens).", [nameof(Duties)]);
            }

            if (duty.Due is not null && !DueRule.TryParse(duty.Due, out _, out var problem))
            {
                yield return new($"Schedule:Duties:{dutyId}:Due: {problem}.", [nameof(Duties)]);
            }

            foreach (var leadProblem in LeadProblems($"Schedule:Duties:{dutyId}:ReminderLeadWorkingDays", duty.ReminderLeadWorkingDays ?? [], nameof(Duties)))
            {
                yield return leadProblem;
            }
        }
    }

    private IEnumerable<ValidationResult> ApplicabilityProblems()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Applicability.Count; i++)
        {
            var entry = Applicability[i];
            var key = $"Schedule:Applicability:{i}";
            if (entry.Duty is null || !Slug.IsValid(entry.Duty))
            {
                yield return new($"{key}:Duty: give a duty id (lowercase letters, digits and hyphens){(entry.Duty is null ? string.Empty : $", not '{entry.Duty}'")}.", [nameof(Applicability)]);
            }
            else if (!seen.Add(entry.Duty))
            {
                yield return new($"{key}:Duty: '{entry.Duty}' is listed twice: give all its areas in one entry.", [nameof(Applicability)]);
            }

            if (entry.Areas.Count == 0)
            {
                yield return new($"{key}:Areas: give at least one area id whose people owe the duty.", [nameof(Applicability)]);
            }

            for (var j = 0; j < entry.Areas.Count; j++)
            {
                if (!AreaId.TryParse(entry.Areas[j], out _))
                {
                    yield return new($"{key}:Areas:{j}: '{entry.Areas[j]}' is not an area id (such as childrens-services.early-help-and-safeguarding).", [nameof(Applicability)]);
                }
            }
        }
    }

    private static int[] Largest(IEnumerable<int> leads) => leads.Distinct().OrderDescending().ToArray();

    private static IEnumerable<ValidationResult> LeadProblems(string setting, List<int> leads, string member)
    {
        foreach (var lead in leads)
        {
            if (lead is < 0 or > 60)
            {
                yield return new($"{setting}: {lead} is not between 0 and 60 working days.", [member]);
            }
        }

        if (leads.Count != leads.Distinct().Count())
        {
            yield return new($"{setting}: a lead time is listed twice.", [member]);
        }
    }
}

/// <summary>The per-duty settings under <c>Schedule:Duties:{dutyId}</c>.</summary>
public sealed class DutyScheduleOptions
{
    /// <summary>A due rule such as <c>last-working-day</c> or <c>day-of-period:15</c>; null keeps the default.</summary>
    public string? Due { get; set; }

    /// <summary>The year the duty's yearly periods follow; null keeps the calendar year.</summary>
    public YearBasis? Year { get; set; }

    /// <summary>This duty's own reminder lead times in working days before its due date; empty follows its rhythm.</summary>
    public List<int>? ReminderLeadWorkingDays { get; set; }
}

/// <summary>One entry of <c>Schedule:Applicability</c>: a duty owed only by people in the areas given.</summary>
public sealed class DutyApplicabilityOptions
{
    /// <summary>The duty id, as in the framework catalogue.</summary>
    public string? Duty { get; set; }

    /// <summary>Area ids; people in these areas, or below them, owe the duty.</summary>
    public List<string> Areas { get; set; } = [];
}
