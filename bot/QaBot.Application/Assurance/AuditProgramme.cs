using QaBot.Application.Configuration;
using QaBot.Application.Organisation;
using QaBot.Application.Tracking;
using QaBot.Core.Assurance;
using QaBot.Core.Calendar;
using QaBot.Core.Cases;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Assurance;

/// <summary>
/// The QA team's audits (docs/quality-assurance.md): arranged from a file checked whole, each sampled case made an item
/// of its auditor's (reminders, escalation, and Done opening the review form), moderated case by case, then closed.
/// Every change is kept with its audit entry; nothing is written when anything is wrong.
/// </summary>
public sealed class AuditProgramme
{
    public const int MaxReasonLength = 500;

    private readonly IAuditStore _audits;
    private readonly IReviewStore _reviews;
    private readonly ITrackingStore _tracking;
    private readonly IDirectoryStore _directory;
    private readonly ScheduleRules _rules;
    private readonly CaseReferencePattern _cases;
    private readonly AssuranceOptions _options;
    private readonly OrganisationPolicy _policy;

    public AuditProgramme(IAuditStore audits, IReviewStore reviews, ITrackingStore tracking, IDirectoryStore directory, ScheduleRules rules, CaseReferencePattern cases, AssuranceOptions options, OrganisationPolicy policy)
    {
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _audits = audits ?? throw new ArgumentNullException(nameof(audits));
        _reviews = reviews ?? throw new ArgumentNullException(nameof(reviews));
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _cases = cases ?? throw new ArgumentNullException(nameof(cases));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>
    /// Arranges the audit the file describes. The file is read and every auditor found before anything is written; a
    /// second run of the same file finds the audit and makes any of its items a run that stopped part-way did not.
    /// With <paramref name="dryRun"/> the file and the directory are checked and nothing is written.
    /// </summary>
    public async Task<AuditCreation> CreateAsync(string yaml, string fileName, Actor by, DateTimeOffset at, AuditOrigin origin, bool dryRun, CancellationToken cancellationToken)
    {
        var read = AuditPlanReader.Read(yaml, fileName, _cases);
        return read.Plan is { } plan
            ? await ArrangeAsync(plan, new AuditFile(fileName), by, at, origin, dryRun, cancellationToken).ConfigureAwait(false)
            : AuditCreation.Refused([.. read.Errors.Select(e => e.ToString())]);
    }

    /// <summary>
    /// Arranges the audit the QA team filled in on the "arrange an audit" card: the same checks and the same audit as
    /// its file would give, refused for anyone outside the QA team (<see cref="OrganisationPolicy.SeesDepartment"/>).
    /// Submitting the same form again arranges nothing twice.
    /// </summary>
    public async Task<AuditCreation> CreateFromFormAsync(AuditFormInput form, Person by, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(by);
        if (!CanArrange(by, _rules.Calendar.LocalDateOf(at)))
        {
            return AuditCreation.NotAllowed;
        }

        var read = AuditFormReader.Read(form, _cases);
        return read.Plan is { } plan
            ? await ArrangeAsync(plan, AuditForm.Instance, Actor.Person(by.Id), at, origin, dryRun: false, cancellationToken).ConfigureAwait(false)
            : AuditCreation.Refused(read.Problems);
    }

    /// <summary>Whether the person arranges audits: the QA team (the roles that see the whole department).</summary>
    public bool CanArrange(Person person, DateOnly on) => _policy.SeesDepartment(person, on);

    private async Task<AuditCreation> ArrangeAsync(AuditPlan plan, AuditPlanSource source, Actor by, DateTimeOffset at, AuditOrigin origin, bool dryRun, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var today = _rules.Calendar.LocalDateOf(at);
        if (plan.Due <= today)
        {
            problems.Add($"{source.Field("due")}: {UkDates.Format(plan.Due)} is not after today ({UkDates.Format(today)}): give the day the auditors' records are due");
        }

        var people = new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase);
        foreach (var planned in plan.Cases)
        {
            await FindAsync(planned.AuditorUpn, "auditor", planned, source, people, problems, cancellationToken).ConfigureAwait(false);
            if (planned.PractitionerUpn is { } practitioner)
            {
                await FindAsync(practitioner, "practitioner", planned, source, people, problems, cancellationToken).ConfigureAwait(false);
            }
        }

        var existing = await _audits.GetAsync(plan.Id, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !SameAudit(existing, plan))
        {
            problems.Add($"{source.Field("title")}: an audit with the id {plan.Id} was arranged on {UkDates.Format(_rules.Calendar.LocalDateOf(existing.CreatedAt))} with different cases or wording: give this audit its own title, or change the existing one's cases by closing it and arranging another");
        }

        if (problems.Count > 0)
        {
            return AuditCreation.Refused(problems);
        }

        var audit = existing ?? new CaseAudit(
            plan.Id, plan.Title, plan.Kind, plan.LinesOfEnquiry, plan.Due,
            [.. plan.Cases.Select((c, i) => new AuditedCase(
                i + 1, c.Case, people[c.AuditorUpn].Id, c.PractitionerUpn is { } p ? people[p].Id : null, CaseAudit.ItemIdFor(plan.Id, i + 1, c.Case)))],
            by, at);
        if (dryRun)
        {
            return new AuditCreation(audit, false, 0, []);
        }

        var added = existing is null && await _audits.AddAsync(audit, audit.ArrangedEntry(origin), cancellationToken).ConfigureAwait(false);
        if (!added)
        {
            audit = await _audits.GetAsync(plan.Id, cancellationToken).ConfigureAwait(false) ?? audit;
        }

        var items = new List<NewItem>();
        var duty = new DutyId(CaseAudit.DutyId);
        foreach (var audited in audit.Cases)
        {
            var auditor = people.Values.FirstOrDefault(p => p.Id == audited.Auditor)
                ?? await _directory.GetPersonAsync(audited.Auditor, cancellationToken).ConfigureAwait(false);
            if (auditor is null)
            {
                continue;
            }

            var occurrence = new Occurrence(audited.Item, duty, auditor.Id, audit.Due, today, audit.Due,
                _rules.RemindersAfter(audit.Due, duty, at), audited.Practitioner, Provisional: false);
            items.Add(NewItem.Of(TrackedItem.FromOccurrence(occurrence, auditor.HomeArea, at, by) with { Note = audit.ItemNote(audited) }));
        }

        var made = await _tracking.AddIfAbsentAsync(items, origin, cancellationToken).ConfigureAwait(false);
        return new AuditCreation(audit, added, made, []);
    }

    /// <summary>Every audit, latest due first, with where each stands.</summary>
    public async Task<IReadOnlyList<AuditView>> ListAsync(CancellationToken cancellationToken) =>
        await ViewsAsync(await _audits.ListAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>The audits not yet closed, latest due first: the QA team's "audits in progress".</summary>
    public async Task<IReadOnlyList<AuditView>> InProgressAsync(CancellationToken cancellationToken) =>
        await ViewsAsync([.. (await _audits.ListAsync(cancellationToken).ConfigureAwait(false)).Where(a => !a.IsClosed)], cancellationToken).ConfigureAwait(false);

    /// <summary>The audit with each case's auditor, record and moderation; null when there is no audit with that id.</summary>
    public async Task<AuditView?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var audit = await _audits.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return audit is null ? null : await ViewAsync(audit, [], cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(string id, CancellationToken cancellationToken) =>
        _audits.GetAuditTrailAsync(id, cancellationToken);

    /// <summary>
    /// Agrees with the auditor's judgement on a case (<paramref name="judgement"/> null), or changes it, which needs a
    /// reason. Refused, writing nothing, when the audit is closed, the case is not in it, its record is not yet made,
    /// the judgement is not on the council's scale, or the reason is missing, too long or holds a personal identifier.
    /// </summary>
    public async Task<AuditChange> ModerateAsync(string id, string caseReference, string? judgement, string? reason, Actor by, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var audit = await _audits.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (audit is null)
        {
            return AuditChange.Refused($"There is no audit with the id {id}: 'qabot audits list' shows them.");
        }

        if (audit.IsClosed)
        {
            return AuditChange.Refused($"The audit {id} is closed: its moderation is final.");
        }

        var audited = audit.Cases.FirstOrDefault(c => string.Equals(c.Case.Value, caseReference.Trim(), StringComparison.OrdinalIgnoreCase));
        if (audited is null)
        {
            return AuditChange.Refused($"Case {caseReference} is not in the audit {id}: its cases are {string.Join(", ", audit.Cases.Select(c => c.Case.Value))}.");
        }

        var record = await _reviews.GetAsync(audited.Item, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return AuditChange.Refused($"Case {audited.Case} has no record yet: its auditor records it from their item in Teams first.");
        }

        var settings = _options.ToSettings();
        var text = reason?.Trim();
        AuditModeration moderation;
        if (judgement is null)
        {
            moderation = new AuditModeration(true, record.Judgement, string.IsNullOrEmpty(text) ? null : text, by, at);
        }
        else if (settings.Judgements.FirstOrDefault(j => string.Equals(j, judgement.Trim(), StringComparison.OrdinalIgnoreCase)) is not { } onScale)
        {
            return AuditChange.Refused($"'{judgement}' is not on the council's judgement scale: choose one of {string.Join(", ", settings.Judgements)}.");
        }
        else if (string.IsNullOrEmpty(text))
        {
            return AuditChange.Refused("Changing a judgement needs a reason (--reason): say what the moderation found.");
        }
        else
        {
            moderation = new AuditModeration(string.Equals(onScale, record.Judgement, StringComparison.Ordinal), onScale, text, by, at);
        }

        if (text is { Length: > MaxReasonLength })
        {
            return AuditChange.Refused($"The reason is {text.Length} characters: keep it to {MaxReasonLength}.");
        }

        if (new PersonalIdentifierCheck(_cases).FindFirst(text) is { } finding)
        {
            return AuditChange.Refused($"The reason was not kept. {finding.Message}");
        }

        var moderated = audited with { Moderation = moderation };
        await _audits.UpdateCaseAsync(id, moderated, audit.ModeratedEntry(moderated, record.Judgement, origin), cancellationToken).ConfigureAwait(false);
        return AuditChange.Done(CaseAudit.ModerationSummary(audited.Case, record.Judgement, moderation));
    }

    /// <summary>Closes the audit once every case is recorded and moderated; refused, naming the cases, before then.</summary>
    public async Task<AuditChange> CloseAsync(string id, Actor by, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var audit = await _audits.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (audit is null)
        {
            return AuditChange.Refused($"There is no audit with the id {id}: 'qabot audits list' shows them.");
        }

        if (audit.IsClosed)
        {
            return AuditChange.Refused($"The audit {id} was closed on {UkDates.Format(_rules.Calendar.LocalDateOf(audit.Closure!.At))}.");
        }

        if (audit.Unmoderated is { Count: > 0 } open)
        {
            return AuditChange.Refused($"The audit {id} has {UkDates.Count(open.Count, "case", "cases")} still to record or moderate: {string.Join(", ", open.Select(c => c.Case.Value))}.");
        }

        var closure = new AuditClosure(by, at);
        var closed = await _audits.CloseAsync(id, closure, audit.ClosedEntry(closure, origin), cancellationToken).ConfigureAwait(false);
        return closed ? AuditChange.Done($"Closed the audit {id}.") : AuditChange.Refused($"The audit {id} was closed already.");
    }

    private async Task FindAsync(string upn, string field, AuditPlanCase planned, AuditPlanSource source, Dictionary<string, Person> people, List<string> problems, CancellationToken cancellationToken)
    {
        if (people.ContainsKey(upn))
        {
            return;
        }

        var person = await _directory.FindByUpnAsync(upn, cancellationToken).ConfigureAwait(false);
        if (person is { Active: true })
        {
            people[upn] = person;
        }
        else
        {
            problems.Add($"{source.OfCase(planned, field)}: no one active in the directory signs in as {upn}");
        }
    }

    private static bool SameAudit(CaseAudit existing, AuditPlan plan) =>
        existing.Title == plan.Title && existing.Kind == plan.Kind && existing.Due == plan.Due
        && existing.LinesOfEnquiry.SequenceEqual(plan.LinesOfEnquiry, StringComparer.Ordinal)
        && existing.Cases.Select(c => c.Case.Value).SequenceEqual(plan.Cases.Select(c => c.Case.Value), StringComparer.OrdinalIgnoreCase);

    private async Task<IReadOnlyList<AuditView>> ViewsAsync(IReadOnlyList<CaseAudit> audits, CancellationToken cancellationToken)
    {
        var names = new Dictionary<PersonId, string>();
        var views = new List<AuditView>();
        foreach (var audit in audits)
        {
            views.Add(await ViewAsync(audit, names, cancellationToken).ConfigureAwait(false));
        }

        return views;
    }

    /// <param name="names">Auditors' names already read, so an auditor with several cases is read from the directory once.</param>
    private async Task<AuditView> ViewAsync(CaseAudit audit, Dictionary<PersonId, string> names, CancellationToken cancellationToken)
    {
        var cases = new List<AuditCaseView>();
        foreach (var audited in audit.Cases)
        {
            if (!names.TryGetValue(audited.Auditor, out var name))
            {
                var auditor = await _directory.GetPersonAsync(audited.Auditor, cancellationToken).ConfigureAwait(false);
                name = names[audited.Auditor] = auditor?.DisplayName ?? Core.Reminders.DigestComposer.UnknownPersonName;
            }

            var record = await _reviews.GetAsync(audited.Item, cancellationToken).ConfigureAwait(false);
            cases.Add(new AuditCaseView(audited, name, record));
        }

        return new AuditView(audit, cases);
    }
}

/// <summary>What arranging an audit did: the audit, whether this run made it, how many items it made; or why nothing was written.</summary>
public sealed record AuditCreation(CaseAudit? Audit, bool Created, int ItemsMade, IReadOnlyList<string> Problems)
{
    /// <summary>The person may not arrange audits: nothing was read or written.</summary>
    public static readonly AuditCreation NotAllowed = new(null, false, 0, []) { Allowed = false };

    public bool Allowed { get; init; } = true;

    public static AuditCreation Refused(IReadOnlyList<string> problems) => new(null, false, 0, problems);
}

/// <summary>Where an audit plan came from, so a problem found against the directory names its place there.</summary>
public abstract record AuditPlanSource
{
    /// <summary>A field of the plan: "neglect.yaml: due", or on the card "Due".</summary>
    public abstract string Field(string field);

    /// <summary>A person named for a case: "neglect.yaml:12: case 1234567.auditor", or on the card "Cases, line 3: case 1234567, auditor".</summary>
    public abstract string OfCase(AuditPlanCase planned, string field);
}

/// <summary>An audit file (<c>qabot audits create FILE</c>).</summary>
public sealed record AuditFile(string Name) : AuditPlanSource
{
    public override string Field(string field) => $"{Name}: {field}";

    public override string OfCase(AuditPlanCase planned, string field)
    {
        ArgumentNullException.ThrowIfNull(planned);
        return $"{Name}:{planned.Line}: case {planned.Case}.{field}";
    }
}

/// <summary>The "arrange an audit" card: problems name its fields as it labels them.</summary>
public sealed record AuditForm : AuditPlanSource
{
    public static readonly AuditForm Instance = new();

    public override string Field(string field) => field switch
    {
        "due" => AuditFormReader.Fields.Due,
        "title" => AuditFormReader.Fields.Title,
        _ => field,
    };

    public override string OfCase(AuditPlanCase planned, string field)
    {
        ArgumentNullException.ThrowIfNull(planned);
        return $"{AuditFormReader.Fields.Cases}, line {planned.Line}: case {planned.Case}, {field}";
    }
}

/// <summary>A moderation or closure: what was done, or why nothing was.</summary>
public sealed record AuditChange(bool Accepted, string Message)
{
    public static AuditChange Done(string message) => new(true, message);

    public static AuditChange Refused(string message) => new(false, message);
}

/// <param name="Record">The auditor's record once made; null while the case is still to audit.</param>
public sealed record AuditCaseView(AuditedCase Case, string AuditorName, ReflectiveCaseReview? Record);

public sealed record AuditView(CaseAudit Audit, IReadOnlyList<AuditCaseView> Cases)
{
    public int Recorded => Cases.Count(c => c.Record is not null);

    public int Moderated => Cases.Count(c => c.Case.Moderation is not null);

    /// <summary>"In progress", "Awaiting moderation" or "Closed".</summary>
    public string State => Audit.IsClosed ? "Closed" : Recorded == Cases.Count ? "Awaiting moderation" : "In progress";
}
