using QaBot.Application.Configuration;
using QaBot.Application.Organisation;
using QaBot.Application.Tracking;
using QaBot.Core.Assurance;
using QaBot.Core.Calendar;
using QaBot.Core.Cases;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tracking;

namespace QaBot.Application.Assurance;

/// <summary>
/// The department's practice learning days (docs/quality-assurance.md): arranged from a file checked whole, their
/// activities recorded against them, then recorded as held (or cancelled). A day held gives everyone holding a role
/// whose duty follows learning days (<see cref="Duty.FollowsLearningDays"/>: the Executive Director's follow-up visits)
/// an item to visit the service, with reminders and escalation like any other. Every change is kept with its entry.
/// </summary>
public sealed class LearningDayProgramme
{
    private const int ActivityAttempts = 3;

    private readonly ILearningDayStore _days;
    private readonly ITrackingStore _tracking;
    private readonly IDirectoryStore _directory;
    private readonly ScheduleRules _rules;
    private readonly FrameworkCatalogue _catalogue;
    private readonly CaseReferencePattern _cases;
    private readonly AssuranceOptions _options;

    public LearningDayProgramme(ILearningDayStore days, ITrackingStore tracking, IDirectoryStore directory, ScheduleRules rules, FrameworkCatalogue catalogue, CaseReferencePattern cases, AssuranceOptions options)
    {
        _days = days ?? throw new ArgumentNullException(nameof(days));
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _cases = cases ?? throw new ArgumentNullException(nameof(cases));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The duties owed after each day held, with the number a year the framework expects of each.</summary>
    public IReadOnlyList<Duty> VisitDuties => [.. _catalogue.Duties.Where(d => d.FollowsLearningDays)];

    /// <summary>The visits tally of <see cref="LearningDayText.VisitTally"/> for every duty owed after days held, by the name of the role that owes it.</summary>
    public IReadOnlyList<string> VisitTally(IReadOnlyList<LearningDayView> days, DateOnly today) =>
        LearningDayText.VisitTally(VisitDuties.Select(d => (d, _catalogue.FindRole(d.RoleId)?.Name ?? d.RoleId.Value)), days, today);

    /// <summary>
    /// Arranges the day the file describes. The file is read, the service found and every person found before anything
    /// is written; a second run of the same file finds the day. With <paramref name="dryRun"/> nothing is written.
    /// </summary>
    public async Task<LearningDayCreation> CreateAsync(string yaml, string fileName, Actor by, DateTimeOffset at, AuditOrigin origin, bool dryRun, CancellationToken cancellationToken)
    {
        var read = LearningDayPlanReader.Read(yaml, fileName, _cases);
        return read.Plan is { } plan
            ? await ArrangeAsync(plan, fileName, by, at, origin, dryRun, cancellationToken).ConfigureAwait(false)
            : LearningDayCreation.Refused([.. read.Errors.Select(e => e.ToString())]);
    }

    /// <summary>
    /// Arranges a day already read (<see cref="LearningDayPlanReader"/>): the service and every person are found before
    /// anything is written, each problem named with <paramref name="fileName"/> and its field.
    /// </summary>
    public async Task<LearningDayCreation> ArrangeAsync(LearningDayPlan plan, string fileName, Actor by, DateTimeOffset at, AuditOrigin origin, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var problems = new List<string>();
        var tree = await _directory.GetAreasAsync(cancellationToken).ConfigureAwait(false);
        var service = FindService(tree, plan.Service, fileName, problems);
        var lead = await FindAsync(plan.LeadUpn, $"{fileName}: lead", problems, cancellationToken).ConfigureAwait(false);
        var participants = new List<PersonId>();
        for (var i = 0; i < plan.ParticipantUpns.Count; i++)
        {
            if (await FindAsync(plan.ParticipantUpns[i], $"{fileName}: participants[{i}]", problems, cancellationToken).ConfigureAwait(false) is { } person)
            {
                participants.Add(person.Id);
            }
        }

        var existing = await _days.GetAsync(plan.Id, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !SameDay(existing, plan, service, lead, participants))
        {
            problems.Add($"{fileName}: title: a practice learning day with the id {plan.Id} was arranged on {UkDates.Format(_rules.Calendar.LocalDateOf(existing.CreatedAt))} with different details: give this day its own title");
        }

        if (problems.Count > 0)
        {
            return LearningDayCreation.Refused(problems);
        }

        var day = existing ?? new LearningDay(plan.Id, plan.Title, service!.Value, plan.Date, lead!.Id, participants, plan.LinesOfEnquiry, [], by, at);
        if (dryRun || existing is not null)
        {
            return new LearningDayCreation(day, false, []) { New = existing is null };
        }

        var added = await _days.AddAsync(day, day.ArrangedEntry(origin), cancellationToken).ConfigureAwait(false);
        return new LearningDayCreation(added ? day : await _days.GetAsync(plan.Id, cancellationToken).ConfigureAwait(false) ?? day, added, []) { New = added };
    }

    /// <summary>Every day (or every day after <paramref name="after"/>), latest first, with the names of its service, lead and participants and its follow-up visits.</summary>
    public async Task<IReadOnlyList<LearningDayView>> ListAsync(CancellationToken cancellationToken, DateOnly? after = null) =>
        await ViewsAsync([.. (await _days.ListAsync(cancellationToken).ConfigureAwait(false)).Where(d => after is not { } from || d.Date > from)], cancellationToken).ConfigureAwait(false);

    /// <summary>The day and where it stands; null when there is no day with that id.</summary>
    public async Task<LearningDayView?> GetAsync(string id, CancellationToken cancellationToken) =>
        await _days.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } day
            ? (await ViewsAsync([day], cancellationToken).ConfigureAwait(false))[0]
            : null;

    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(string id, CancellationToken cancellationToken) =>
        _days.GetAuditTrailAsync(id, cancellationToken);

    /// <summary>
    /// Records an activity of the day: its kind, a summary of what it found (checked for personal identifiers), the case
    /// it read (a reference only) and who undertook it. Refused, writing nothing, for a cancelled day, a day not yet
    /// come, or any field that is wrong.
    /// </summary>
    public async Task<LearningDayChange> RecordActivityAsync(string id, string kind, string summary, string? caseText, string? byUpn, Actor recordedBy, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(summary);
        var day = await _days.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (Unchangeable(day, id) is { } refusal)
        {
            return refusal;
        }

        if (day!.Date > _rules.Calendar.LocalDateOf(at))
        {
            return LearningDayChange.Refused($"The day {id} is on {UkDates.Format(day.Date)}: record its activities on or after the day.");
        }

        if (!LearningDay.Kinds.TryGetValue(kind.Trim(), out var activityKind))
        {
            return LearningDayChange.Refused($"'{kind}' is not a kind of activity: use one of {string.Join(", ", LearningDay.Kinds.Keys)}.");
        }

        var text = summary.Trim();
        if (text.Length == 0)
        {
            return LearningDayChange.Refused("Give a summary of what the activity found (--summary).");
        }

        if (AuditPlanReader.TextProblem(text, LearningDay.MaxSummaryLength, new PersonalIdentifierCheck(_cases)) is { } problem)
        {
            return LearningDayChange.Refused($"The summary was not kept: it {problem}");
        }

        CaseReference? reference = null;
        if (!string.IsNullOrWhiteSpace(caseText))
        {
            if (!_cases.TryParse(caseText, out var parsed, out var caseProblem))
            {
                return LearningDayChange.Refused($"'{caseText}' (--case): {caseProblem}");
            }

            reference = parsed;
        }

        PersonId? undertaker = null;
        if (!string.IsNullOrWhiteSpace(byUpn))
        {
            var person = await _directory.FindByUpnAsync(byUpn.Trim(), cancellationToken).ConfigureAwait(false);
            if (person is not { Active: true })
            {
                return LearningDayChange.Refused($"No one active in the directory signs in as {byUpn} (--by).");
            }

            undertaker = person.Id;
        }

        for (var attempt = 0; attempt < ActivityAttempts; attempt++)
        {
            if (day.Activities.Count >= LearningDay.MaxActivities)
            {
                return LearningDayChange.Refused($"The day {id} already has {LearningDay.MaxActivities} activities recorded, the most one day keeps.");
            }

            var activity = new LearningActivity(day.Activities.Count + 1, activityKind, text, reference, undertaker, recordedBy, at);
            if (await _days.AddActivityAsync(id, activity, day.ActivityEntry(activity, origin), cancellationToken).ConfigureAwait(false))
            {
                return LearningDayChange.Done($"Recorded activity {activity.Number} of the day {id}: {LearningDay.KindName(activityKind)}.");
            }

            day = await _days.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? day;
        }

        return LearningDayChange.Refused($"The day {id} was being changed by someone else at the same time: try again.");
    }

    /// <summary>
    /// Records the day as held and gives each holder of a role whose duty follows learning days their follow-up visit,
    /// due <see cref="AssuranceOptions.LearningDayVisitWeeks"/> weeks after the day (never before the next working day).
    /// Recording it again makes any visit a stopped run did not, and nothing twice.
    /// </summary>
    public async Task<LearningDayHeld> RecordHeldAsync(string id, Actor by, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var day = await _days.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (day is null)
        {
            return LearningDayHeld.Refused(NoSuchDay(id));
        }

        if (day.IsCancelled)
        {
            return LearningDayHeld.Refused($"The day {id} was cancelled on {UkDates.Format(_rules.Calendar.LocalDateOf(day.Outcome!.At))}: a cancelled day is not held.");
        }

        var today = _rules.Calendar.LocalDateOf(at);
        if (day.Date > today)
        {
            return LearningDayHeld.Refused($"The day {id} is on {UkDates.Format(day.Date)}: record it as held on or after the day.");
        }

        var newlyHeld = false;
        if (!day.IsHeld)
        {
            var outcome = new LearningDayOutcome(true, null, by, at);
            newlyHeld = await _days.SetOutcomeAsync(id, outcome, day.OutcomeEntry(outcome, origin), cancellationToken).ConfigureAwait(false);
            day = await _days.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? day;
            if (!day.IsHeld)
            {
                return LearningDayHeld.Refused($"The day {id} was cancelled meanwhile: a cancelled day is not held.");
            }
        }

        // Who owes the visit, and when, are settled by the first recording: a second run after a stop fills gaps and
        // never gives a visit to someone who came into the role since. With no one in the role then, whoever holds it now.
        var recordedOn = _rules.Calendar.LocalDateOf(day.Outcome!.At);
        var tree = await _directory.GetAreasAsync(cancellationToken).ConfigureAwait(false);
        var serviceName = tree.Find(day.Service)?.Name ?? day.Service.Value;
        var due = VisitDue(day, recordedOn);
        var people = (await _directory.GetSnapshotAsync(cancellationToken).ConfigureAwait(false)).People.Select(v => v.Value).Where(p => p.Active).ToList();
        var items = new List<NewItem>();
        var vacant = new List<RoleId>();
        foreach (var duty in VisitDuties)
        {
            var holders = people.Where(p => p.HoldsRole(duty.RoleId, recordedOn)).ToList();
            if (holders.Count == 0)
            {
                holders = [.. people.Where(p => p.HoldsRole(duty.RoleId, today))];
            }

            if (holders.Count == 0)
            {
                vacant.Add(duty.RoleId);
            }

            foreach (var person in holders.OrderBy(p => p.Id.Value, StringComparer.Ordinal))
            {
                var occurrence = new Occurrence(day.VisitItemFor(duty.Id, person.Id), duty.Id, person.Id, due, recordedOn, due,
                    _rules.RemindersAfter(due, duty.Id, at), null, Provisional: false);
                items.Add(NewItem.Of(TrackedItem.FromOccurrence(occurrence, person.HomeArea, at, by) with { Note = day.VisitNote(serviceName) }));
            }
        }

        var made = await _tracking.AddIfAbsentAsync(items, origin, cancellationToken).ConfigureAwait(false);
        return new LearningDayHeld(day, newlyHeld, made, due, null) { VacantRoles = vacant };
    }

    /// <summary>Records the day as cancelled with a reason; refused, writing nothing, once it is held or cancelled.</summary>
    public async Task<LearningDayChange> CancelAsync(string id, string reason, Actor by, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var day = await _days.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (Unchangeable(day, id) is { } refusal)
        {
            return refusal;
        }

        if (day!.IsHeld)
        {
            return LearningDayChange.Refused($"The day {id} was recorded as held on {UkDates.Format(_rules.Calendar.LocalDateOf(day.Outcome!.At))}: a day held cannot be cancelled.");
        }

        var text = reason.Trim();
        if (text.Length == 0)
        {
            return LearningDayChange.Refused("Give the reason the day was cancelled (--reason).");
        }

        if (AuditPlanReader.TextProblem(text, LearningDay.MaxSummaryLength, new PersonalIdentifierCheck(_cases)) is { } problem)
        {
            return LearningDayChange.Refused($"The reason was not kept: it {problem}");
        }

        var outcome = new LearningDayOutcome(false, text, by, at);
        return await _days.SetOutcomeAsync(id, outcome, day.OutcomeEntry(outcome, origin), cancellationToken).ConfigureAwait(false)
            ? LearningDayChange.Done($"Cancelled the day {id}.")
            : LearningDayChange.Refused($"The day {id} was recorded as held or cancelled meanwhile.");
    }

    /// <summary>
    /// The day a follow-up visit is due: the set number of weeks after the day, moved off a weekend or bank holiday as
    /// every due date is (<see cref="SchedulePolicy.DueDateOnNonWorkingDay"/>), and after today.
    /// </summary>
    public DateOnly VisitDue(LearningDay day, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(day);
        var target = day.Date.AddDays(7 * _options.LearningDayVisitWeeks);
        var due = _rules.Policy.DueDateOnNonWorkingDay == NonWorkingDayRule.PreviousWorkingDay
            ? _rules.Calendar.WorkingDayOnOrBefore(target)
            : _rules.Calendar.WorkingDayOnOrAfter(target);
        return due > today ? due : _rules.Calendar.AddWorkingDays(today, 1);
    }

    private LearningDayChange? Unchangeable(LearningDay? day, string id) => day switch
    {
        null => LearningDayChange.Refused(NoSuchDay(id)),
        { IsCancelled: true } => LearningDayChange.Refused($"The day {id} was cancelled on {UkDates.Format(_rules.Calendar.LocalDateOf(day.Outcome!.At))}."),
        _ => null,
    };

    private static string NoSuchDay(string id) => $"There is no practice learning day with the id {id}: 'qabot learning-days list' shows them.";

    private static AreaId? FindService(AreaTree tree, string service, string fileName, List<string> problems)
    {
        var found = tree.Resolve(service).Where(a => !a.Retired).ToList();
        if (found.Count == 1)
        {
            return found[0].Id;
        }

        if (found.Count == 0)
        {
            var suggestions = tree.Suggest(service);
            problems.Add($"{fileName}: service: no area of the directory is called '{service}'" + (suggestions.Count > 0 ? $"; did you mean {string.Join(" or ", suggestions.Select(a => $"'{tree.PathOf(a.Id)}'"))}?" : ": give the area's name or path as in the directory"));
        }
        else
        {
            problems.Add($"{fileName}: service: '{service}' names {found.Count} areas ({string.Join("; ", found.Select(a => tree.PathOf(a.Id)))}): give the area's path");
        }

        return null;
    }

    private async Task<Person?> FindAsync(string upn, string where, List<string> problems, CancellationToken cancellationToken)
    {
        var person = await _directory.FindByUpnAsync(upn, cancellationToken).ConfigureAwait(false);
        if (person is { Active: true })
        {
            return person;
        }

        problems.Add($"{where}: no one active in the directory signs in as {upn}");
        return null;
    }

    private static bool SameDay(LearningDay existing, LearningDayPlan plan, AreaId? service, Person? lead, List<PersonId> participants) =>
        existing.Title == plan.Title && existing.Date == plan.Date && existing.Service == service && existing.Lead == lead?.Id
        && existing.LinesOfEnquiry.SequenceEqual(plan.LinesOfEnquiry, StringComparer.Ordinal)
        && existing.Participants.SequenceEqual(participants);

    private async Task<IReadOnlyList<LearningDayView>> ViewsAsync(IReadOnlyList<LearningDay> days, CancellationToken cancellationToken)
    {
        if (days.Count == 0)
        {
            return [];
        }

        var tree = await _directory.GetAreasAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await _directory.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        var visitDuties = VisitDuties;

        // Whoever has held a visiting role at any time, leavers included: a visit stays its owner's after they move on.
        var people = snapshot.People.Select(v => v.Value).ToDictionary(p => p.Id);
        var visitors = visitDuties.ToDictionary(d => d.Id, d => people.Values.Where(p => p.Roles.Any(r => r.Role == d.RoleId)).ToList());
        string Name(PersonId id) => people.GetValueOrDefault(id)?.DisplayName ?? Core.Reminders.DigestComposer.UnknownPersonName;

        var views = new List<LearningDayView>(days.Count);
        foreach (var day in days)
        {
            var visits = new List<LearningDayVisit>();
            foreach (var duty in day.IsHeld ? visitDuties : [])
            {
                // A visit handed on (its owner left, or is away) is in its new owner's area: look in each visitor's.
                var areas = visitors[duty.Id].Select(p => p.HomeArea).Distinct().ToList();
                foreach (var person in visitors[duty.Id])
                {
                    foreach (var kept in areas)
                    {
                        if (await _tracking.GetAsync(new ItemKey(kept, day.VisitItemFor(duty.Id, person.Id)), cancellationToken).ConfigureAwait(false) is { } item)
                        {
                            visits.Add(new LearningDayVisit(Name(item.Owner), item));
                            break;
                        }
                    }
                }
            }

            var area = tree.Find(day.Service);
            views.Add(new LearningDayView(day, area is null ? day.Service.Value : tree.PathOf(area.Id), area?.Name ?? day.Service.Value,
                Name(day.Lead), [.. day.Participants.Select(Name)], visits));
        }

        return views;
    }
}

/// <summary>One follow-up visit owed after a day held: whose it is and its item (open, done, moved or overdue).</summary>
public sealed record LearningDayVisit(string Owner, TrackedItem Item);

/// <summary>A day as the QA team reads it: its service's path and name, the lead's and participants' names, its follow-up visits.</summary>
public sealed record LearningDayView(LearningDay Day, string ServicePath, string ServiceName, string LeadName, IReadOnlyList<string> ParticipantNames, IReadOnlyList<LearningDayVisit> Visits);

/// <summary>What arranging a day did: the day and whether this run made it; or why nothing was written.</summary>
public sealed record LearningDayCreation(LearningDay? Day, bool Created, IReadOnlyList<string> Problems)
{
    /// <summary>No day with the plan's id was kept before this run (true when it was made, or in a dry run would be).</summary>
    public bool New { get; init; } = true;

    public static LearningDayCreation Refused(IReadOnlyList<string> problems) => new(null, false, problems);
}

/// <summary>A change to a day: what was done, or why nothing was.</summary>
public sealed record LearningDayChange(bool Changed, string Message)
{
    public static LearningDayChange Done(string message) => new(true, message);

    public static LearningDayChange Refused(string message) => new(false, message);
}

/// <summary>What recording a day as held did: the day, whether this run recorded it, the visits made and when they are due; or why nothing was written.</summary>
public sealed record LearningDayHeld(LearningDay? Day, bool Recorded, int VisitsMade, DateOnly VisitsDue, string? Problem)
{
    /// <summary>The roles owing a visit that no one active holds: their visits are made by recording the day again once someone does.</summary>
    public IReadOnlyList<RoleId> VacantRoles { get; init; } = [];

    public static LearningDayHeld Refused(string problem) => new(null, false, 0, default, problem);
}
