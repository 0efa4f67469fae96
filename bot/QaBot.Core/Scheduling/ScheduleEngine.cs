using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Core.Scheduling;

/// <summary>
/// Turns the framework's rhythms into dated obligations for people. Pure: the catalogue, the calendar and the policy
/// are given; nothing is read from outside. Thread-safe.
/// </summary>
/// <remarks>
/// Rules (docs/scheduling.md has the worked examples):
/// an occurrence falls due by default on the last working day of its period (the last term day for school cadences);
/// a window selects occurrences by due date; each period yields exactly one occurrence per person (per report for
/// per-report duties), so counts per period hold even when a due date moves into a neighbouring year;
/// duties met by a per-report duty's record (a supervisee's own supervision) produce nothing of their own;
/// statutory and no-cadence duties produce nothing here (statutory deadlines come from case events).
/// </remarks>
public sealed class ScheduleEngine
{
    private readonly Dictionary<RoleId, Duty[]> _scheduledDuties = [];

    public ScheduleEngine(FrameworkCatalogue catalogue, CouncilCalendar calendar, SchedulePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        Catalogue = catalogue;
        Calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        Rules = new ScheduleRules(calendar, policy, catalogue);

        var duties = catalogue.Duties.ToDictionary(d => d.Id);
        var unsafeIds = duties.Keys.Where(id => !OccurrenceId.IsSafePart(id.Value)).Select(id => id.Value).ToList();
        if (unsafeIds.Count > 0)
        {
            throw new ArgumentException($"Duty ids must be letters, digits and hyphens to key occurrences: {string.Join(", ", unsafeIds)}.", nameof(catalogue));
        }

        var unknown = policy.Duties.Keys.Concat(policy.Applicability.Keys).Where(id => !duties.ContainsKey(id)).Select(id => id.Value).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Schedule:Duties or Schedule:Applicability names duties that are not in the framework catalogue: {string.Join(", ", unknown)}.", nameof(policy));
        }

        var roles = catalogue.Roles.Select(r => r.Id).ToHashSet();
        var unknownRoles = policy.Supervision.Plans.SelectMany(p => p.Roles).Where(r => !roles.Contains(r)).Select(r => r.Value).Distinct().ToList();
        if (unknownRoles.Count > 0)
        {
            throw new ArgumentException($"Schedule:Supervision:Plans names roles that are not in the framework catalogue: {string.Join(", ", unknownRoles)}.", nameof(policy));
        }

        foreach (var role in catalogue.Roles)
        {
            _scheduledDuties[role.Id] = role.Duties.Where(d => IsScheduled(d, duties)).ToArray();
        }

        _placements = DuePlacement.Place(_scheduledDuties.Values, policy);
    }

    private readonly IReadOnlyDictionary<DutyId, DueRule> _placements;

    /// <summary>
    /// When in its period <paramref name="duty"/> falls due: the council's <c>Due</c> setting for it if given, else
    /// where <see cref="DuePlacement"/> put it so that no day holds more than the policy allows, else the end of the period.
    /// </summary>
    public DueRule DueRuleOf(Duty duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        return Policy.DueGivenFor(duty.Id) ?? (_placements.TryGetValue(duty.Id, out var placed) ? placed : Policy.For(duty.Id).Due);
    }

    public FrameworkCatalogue Catalogue { get; }

    public CouncilCalendar Calendar { get; }

    public SchedulePolicy Policy { get; }

    public ScheduleRules Rules { get; }

    /// <summary>The duties of a role that produce occurrences, in the catalogue's order.</summary>
    public IReadOnlyList<Duty> ScheduledDuties(RoleId role) =>
        _scheduledDuties.TryGetValue(role, out var duties)
            ? duties
            : throw new ArgumentException($"Role '{role}' is not in the framework catalogue.", nameof(role));

    /// <summary>
    /// A window of local dates (both ends included). Work out many people's occurrences through one window: each
    /// duty's dates are worked out once and shared.
    /// </summary>
    public ScheduleWindow Window(DateOnly from, DateOnly to) => new(this, from, to);

    /// <summary>The occurrences of one person in one role that fall due between two local dates (both included), by due date.</summary>
    public IReadOnlyList<Occurrence> OccurrencesFor(RoleHolding holding, DateOnly from, DateOnly to) =>
        Window(from, to).OccurrencesFor(holding);

    /// <summary>
    /// The occurrences a statutory chain gives the person responsible for a case (an IRO, a CP chair, the complaints
    /// manager): one per deadline, due on the deadline, open from the date the timescale runs from, with reminders
    /// by the policy. The duty must name the rule (<see cref="StatutoryRhythm"/>). A statutory item's due date is its
    /// deadline: pass it as the statutory deadline to <see cref="ScheduleRules.EvaluateReschedule"/>.
    /// </summary>
    public IReadOnlyList<Occurrence> StatutoryOccurrences(
        PersonId person,
        DutyId dutyId,
        StatutoryRule rule,
        CaseReference caseReference,
        DateOnly eventDate,
        int count,
        IReadOnlyList<DateOnly?>? held = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var duty = Catalogue.FindDuty(dutyId) ?? throw new ArgumentException($"Duty '{dutyId}' is not in the framework catalogue.", nameof(dutyId));
        if (duty.Rhythm is not StatutoryRhythm statutory || !statutory.RuleIds.Contains(rule.Id, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Duty '{dutyId}' does not follow the statutory rule '{rule.Id}'.", nameof(rule));
        }

        if (!OccurrenceId.IsSafePart(person.Value))
        {
            throw new ArgumentException($"'{person.Value}' is not a person id (an Entra object id).", nameof(person));
        }

        var occurrences = new List<Occurrence>(count);
        foreach (var deadline in rule.Deadlines(Calendar, eventDate, count, held, caseReference))
        {
            var remindAt = Rules.Reminders(deadline.Due, dutyId).Select(r => r.At).ToArray();
            occurrences.Add(new Occurrence(
                deadline.Id!.Value,
                dutyId,
                person,
                deadline.Due,
                deadline.CountedFrom,
                deadline.Due,
                remindAt,
                null,
                Calendar.IsBankHolidayYearProvisional(deadline.Due)));
        }

        return occurrences;
    }

    private static bool IsScheduled(Duty duty, Dictionary<DutyId, Duty> duties) =>
        duty.Rhythm.Kind is RhythmKind.Fixed or RhythmKind.School or RhythmKind.Programme
        && duty.ScheduledFrom == DutySource.Calendar
        && !duty.MetBy.Any(id => duties.TryGetValue(id, out var other) && other.PerReport);
}
