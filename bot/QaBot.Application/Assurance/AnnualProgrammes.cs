using QaBot.Application.Configuration;
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
/// People's annual programmes of visits and meetings (docs/scheduling.md): for each duty marked
/// <c>scheduledFrom: programme</c>, each holder of its role plans the year's visits or meetings, what and when (a month
/// or a date). Each entry becomes an item of the duty, reminded in its month and answered on its card like any other:
/// done records it held, with the date and a note; not applicable records it not held, with the reason. The duty's number
/// a year is the target: a programme with fewer entries is flagged to its holder from
/// <see cref="AssuranceOptions.ProgrammeFlagMonth"/> and to their line manager from <see cref="AssuranceOptions.ProgrammeManagerFlagMonth"/>.
/// </summary>
public sealed class AnnualProgrammes
{
    private const int AddAttempts = 3;

    private readonly IProgrammeStore _programmes;
    private readonly ITrackingStore _tracking;
    private readonly ScheduleRules _rules;
    private readonly FrameworkCatalogue _catalogue;
    private readonly PersonalIdentifierCheck _identifiers;
    private readonly AssuranceOptions _options;

    public AnnualProgrammes(IProgrammeStore programmes, ITrackingStore tracking, ScheduleRules rules, FrameworkCatalogue catalogue, CaseReferencePattern cases, AssuranceOptions options)
    {
        _programmes = programmes ?? throw new ArgumentNullException(nameof(programmes));
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _identifiers = new PersonalIdentifierCheck(cases ?? throw new ArgumentNullException(nameof(cases)));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The duties planned in programmes, in catalogue order.</summary>
    public IReadOnlyList<Duty> Duties => [.. _catalogue.Duties.Where(d => d.FollowsProgramme)];

    /// <summary>The programme duties of the roles <paramref name="person"/> holds on <paramref name="on"/>.</summary>
    public IReadOnlyList<Duty> DutiesOf(Person person, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(person);
        return [.. Duties.Where(d => person.HoldsRole(d.RoleId, on))];
    }

    /// <summary>The year whose programmes are in hand on <paramref name="today"/>: this year, or the year the framework version that plans them takes effect when that is still to come.</summary>
    public int YearOn(DateOnly today) => _catalogue.EffectiveFrom is { } from && from > today ? from.Year : today.Year;

    /// <summary>The years a person sees their programmes for: <see cref="YearOn"/>, and from October next year's as well, while it is being planned.</summary>
    public IReadOnlyList<int> YearsShown(DateOnly today)
    {
        var year = YearOn(today);
        return year == today.Year && today.Month >= 10 ? [year, year + 1] : [year];
    }

    /// <summary>The number of visits or meetings a year the programme is measured against: the duty's number a year.</summary>
    public static int Target(Duty duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        return duty.Rhythm.PerYear ?? 0;
    }

    /// <summary>
    /// <paramref name="person"/>'s target for <paramref name="year"/>: the duty's number a year, or for someone who took
    /// up the role during the year that share of it, rounded up (from October, one of four).
    /// </summary>
    public static int Target(Duty duty, Person person, int year)
    {
        ArgumentNullException.ThrowIfNull(person);
        var full = Target(duty);
        var starts = person.Roles
            .Where(r => r.Role == duty.RoleId && r.Start.Year <= year && (r.End is not { } end || end > new DateOnly(year, 1, 1)))
            .Select(r => r.Start)
            .ToList();
        if (starts.Count == 0 || starts.Min().Year < year)
        {
            return full;
        }

        var months = 13 - starts.Min().Month;
        return (int)Math.Ceiling(full * months / 12.0);
    }

    /// <summary>
    /// Adds a visit or meeting to <paramref name="person"/>'s programme: <paramref name="what"/> (checked for personal
    /// identifiers) and <paramref name="when"/> ("2027-03" for a month, "2027-03-16" for a date: from today, and from
    /// the day the framework version that plans programmes takes effect, this year or next). The person must hold the
    /// role that owes <paramref name="duty"/> then; it may be left out when they have one programme. The same thing at
    /// the same time again adds nothing; the entry's item is made with it, and any a stopped run did not make.
    /// </summary>
    public async Task<ProgrammeAddition> AddAsync(Person person, string? duty, string what, string when, Actor by, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(what);
        ArgumentNullException.ThrowIfNull(when);
        var today = _rules.Calendar.LocalDateOf(at);
        if (!ProgrammeWhen.TryParse(when, out var planned))
        {
            return ProgrammeAddition.Refused(ProgrammeAddition.WhenField, $"'{when}' is not a month or a date: give yyyy-MM for a month (2027-03) or yyyy-MM-dd for a day (2027-03-16).");
        }

        if (planned.Last < today)
        {
            return ProgrammeAddition.Refused(ProgrammeAddition.WhenField, $"{Capitalised(planned.Words)} has passed: plan visits and meetings from today on.");
        }

        if (_catalogue.EffectiveFrom is { } from && planned.Last < from)
        {
            return ProgrammeAddition.Refused(ProgrammeAddition.WhenField, $"Programmes start on {UkDates.Format(from)}, when version {_catalogue.Version} of the framework takes effect: plan from then on.");
        }

        if (planned.Year > today.Year + 1)
        {
            return ProgrammeAddition.Refused(ProgrammeAddition.WhenField, $"{Capitalised(planned.Words)} is too far ahead: plan this year's programme or next year's.");
        }

        // The role must be held when the visit or meeting is planned for (for a month, from today or its first day).
        var on = planned.First > today ? planned.First : today;
        var owed = Duties.Where(d => person.HoldsRole(d.RoleId, on)).ToList();
        Duty? chosen;
        if (string.IsNullOrWhiteSpace(duty))
        {
            if (owed.Count != 1)
            {
                return ProgrammeAddition.Refused(ProgrammeAddition.DutyField, owed.Count == 0
                    ? $"No role held on {UkDates.Format(on)} has an annual programme of visits or meetings."
                    : $"The roles held on {UkDates.Format(on)} have {owed.Count} programmes: say which, one of {string.Join(", ", owed.Select(d => d.Id.Value))}.");
            }

            chosen = owed[0];
        }
        else
        {
            chosen = owed.FirstOrDefault(d => d.Id.Value == duty.Trim());
            if (chosen is null)
            {
                return ProgrammeAddition.Refused(ProgrammeAddition.DutyField, Duties.Any(d => d.Id.Value == duty.Trim())
                    ? $"The programme {duty.Trim()} is owed by a role not held on {UkDates.Format(on)}" + (owed.Count > 0 ? $": the programmes then are {string.Join(", ", owed.Select(d => d.Id.Value))}." : ".")
                    : $"'{duty.Trim()}' is not a duty planned in programmes: those are {string.Join(", ", Duties.Select(d => d.Id.Value))}.");
            }
        }

        var text = what.Trim();
        if (text.Length == 0)
        {
            return ProgrammeAddition.Refused(ProgrammeAddition.WhatField, "Say what the visit or meeting is: a team, a children's home or a meeting.");
        }

        if (AuditPlanReader.TextProblem(text, Programme.MaxWhatLength, _identifiers) is { } problem)
        {
            return ProgrammeAddition.Refused(ProgrammeAddition.WhatField, $"What the visit or meeting is was not kept: it {problem}");
        }

        var key = new ProgrammeKey(person.Id, chosen.Id, planned.Year);
        var programme = await _programmes.GetAsync(key, cancellationToken).ConfigureAwait(false) ?? new Programme(key, []);
        for (var attempt = 0; attempt < AddAttempts; attempt++)
        {
            if (programme.Find(text, planned) is { } existing)
            {
                var made = await MakeItemsAsync(person, chosen, programme, by, at, origin, cancellationToken).ConfigureAwait(false);
                return new ProgrammeAddition(programme, existing, false, made, null);
            }

            if (programme.Entries.Count >= Programme.MaxEntries)
            {
                return ProgrammeAddition.Refused(null, $"The programme for {planned.Year} already has {Programme.MaxEntries} entries, the most one programme keeps.");
            }

            var entry = new ProgrammeEntry(programme.Entries.Count == 0 ? 1 : programme.Entries.Max(e => e.Number) + 1, text, planned, by, at);
            if (await _programmes.AddEntryAsync(key, entry, programme.AddedEntry(entry, origin), cancellationToken).ConfigureAwait(false))
            {
                programme = programme with { Entries = [.. programme.Entries, entry] };
                var made = await MakeItemsAsync(person, chosen, programme, by, at, origin, cancellationToken).ConfigureAwait(false);
                return new ProgrammeAddition(programme, entry, true, made, null);
            }

            programme = await _programmes.GetAsync(key, cancellationToken).ConfigureAwait(false) ?? programme;
        }

        return ProgrammeAddition.Refused(null, "The programme was being changed by someone else at the same time: try again.");
    }

    /// <summary>
    /// <paramref name="person"/>'s programmes for <paramref name="year"/>: one for each programme duty of the roles they
    /// hold (or held in the year), with every entry and where its item stands, against the target.
    /// </summary>
    public async Task<IReadOnlyList<ProgrammeView>> ShowAsync(Person person, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var kept = (await _programmes.ListAsync(year, person.Id, cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Key.Duty);
        var views = new List<ProgrammeView>();
        foreach (var duty in Duties.Where(d => kept.ContainsKey(d.Id) || HoldsInYear(person, d.RoleId, year)))
        {
            var programme = kept.GetValueOrDefault(duty.Id) ?? new Programme(new ProgrammeKey(person.Id, duty.Id, year), []);
            var entries = new List<ProgrammeEntryView>(programme.Entries.Count);
            foreach (var entry in programme.Entries)
            {
                var item = await _tracking.GetAsync(new ItemKey(person.HomeArea, programme.ItemFor(entry)), cancellationToken).ConfigureAwait(false);
                entries.Add(new ProgrammeEntryView(entry, item));
            }

            views.Add(new ProgrammeView(programme, duty, Target(duty, person, year), entries));
        }

        return views;
    }

    public Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(ProgrammeKey key, CancellationToken cancellationToken) =>
        _programmes.GetAuditTrailAsync(key, cancellationToken);

    /// <summary>
    /// The programmes of <paramref name="people"/> for the year of <paramref name="asOf"/> with fewer entries than their
    /// target, for each programme duty of the roles they hold that day; none before the framework version takes effect.
    /// </summary>
    public async Task<IReadOnlyList<ProgrammeShortfall>> ShortfallsAsync(IReadOnlyCollection<Person> people, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        if (_catalogue.EffectiveFrom is { } from && asOf < from)
        {
            // Programmes are measured from the day the framework version that plans them takes effect.
            return [];
        }

        var duties = Duties;
        var owing = people.Where(p => p.Active && duties.Any(d => p.HoldsRole(d.RoleId, asOf))).ToList();
        if (owing.Count == 0)
        {
            return [];
        }

        var kept = owing.Count == 1
            ? await _programmes.ListAsync(asOf.Year, owing[0].Id, cancellationToken).ConfigureAwait(false)
            : await _programmes.ListAsync(asOf.Year, null, cancellationToken).ConfigureAwait(false);
        var planned = kept.ToDictionary(p => (p.Key.Person, p.Key.Duty), p => p.Entries.Count);
        return [.. owing.SelectMany(person => duties
                .Where(d => person.HoldsRole(d.RoleId, asOf))
                .Select(d => new ProgrammeShortfall(person.Id, person.DisplayName, d, asOf.Year, planned.GetValueOrDefault((person.Id, d.Id)), Target(d, person, asOf.Year))))
            .Where(s => s.Planned < s.Target)];
    }

    /// <summary>The person's own programmes short of target, from <see cref="AssuranceOptions.ProgrammeFlagMonth"/>; none before.</summary>
    public async Task<IReadOnlyList<ProgrammeShortfall>> OwnFlagsAsync(Person person, DateOnly asOf, CancellationToken cancellationToken) =>
        asOf.Month < _options.ProgrammeFlagMonth ? [] : await ShortfallsAsync([person], asOf, cancellationToken).ConfigureAwait(false);

    /// <summary>The programmes short of target of the people a manager manages, from <see cref="AssuranceOptions.ProgrammeManagerFlagMonth"/>; none before.</summary>
    public async Task<IReadOnlyList<ProgrammeShortfall>> ReportsFlagsAsync(IReadOnlyCollection<Person> reports, DateOnly asOf, CancellationToken cancellationToken) =>
        asOf.Month < _options.ProgrammeManagerFlagMonth || reports.Count == 0 ? [] : await ShortfallsAsync(reports, asOf, cancellationToken).ConfigureAwait(false);

    /// <summary>What a digest to <paramref name="recipient"/> flags: their own programmes short of target, then those of <paramref name="reports"/>.</summary>
    public async Task<IReadOnlyList<ProgrammeShortfall>> FlagsAsync(Person recipient, IReadOnlyCollection<Person> reports, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(reports);
        var own = await OwnFlagsAsync(recipient, asOf, cancellationToken).ConfigureAwait(false);
        var theirs = await ReportsFlagsAsync([.. reports.Where(r => r.Id != recipient.Id)], asOf, cancellationToken).ConfigureAwait(false);
        return [.. own, .. theirs.OrderBy(s => s.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>
    /// The day an entry is due: a month's last working day; a date itself, or the next working day when it falls on a
    /// weekend or bank holiday (a Saturday visit to a children's home is not due the day before it happens); never
    /// before the next working day from <paramref name="today"/>.
    /// </summary>
    public DateOnly DueOf(ProgrammeWhen when, DateOnly today)
    {
        var due = when.IsMonth ? _rules.Calendar.WorkingDayOnOrBefore(when.Last) : _rules.Calendar.WorkingDayOnOrAfter(when.First);
        return due < today ? _rules.Calendar.WorkingDayOnOrAfter(today) : due;
    }

    /// <summary>
    /// Makes the item of every entry, in the programmes of this year and next, that has none: an addition stopped
    /// between keeping the entry and making its item is finished by the daily run. Programmes of people no longer active,
    /// or of duties no longer planned in programmes, are left alone.
    /// </summary>
    public async Task<int> MakeMissingItemsAsync(OrganisationChart chart, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var today = _rules.Calendar.LocalDateOf(at);
        var made = 0;
        foreach (var year in new[] { today.Year, today.Year + 1 })
        {
            foreach (var programme in await _programmes.ListAsync(year, null, cancellationToken).ConfigureAwait(false))
            {
                if (chart.Find(programme.Key.Person) is { Active: true } person && _catalogue.FindDuty(programme.Key.Duty) is { FollowsProgramme: true } duty)
                {
                    made += await MakeItemsAsync(person, duty, programme, Actor.System("scheduler"), at, origin, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return made;
    }

    private async Task<int> MakeItemsAsync(Person person, Duty duty, Programme programme, Actor by, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var items = new List<NewItem>(programme.Entries.Count);
        foreach (var entry in programme.Entries)
        {
            // Settled by the day the entry was added, so an item made later after a stop is the same item.
            var added = _rules.Calendar.LocalDateOf(entry.AddedAt);
            var due = DueOf(entry.When, added);

            // It can be recorded held from the day it was planned: one visit cannot answer an entry planned after it.
            var windowFrom = added.Year < programme.Key.Year ? new DateOnly(programme.Key.Year, 1, 1) : added;
            var occurrence = new Occurrence(programme.ItemFor(entry), duty.Id, person.Id, due, windowFrom < due ? windowFrom : due, due,
                _rules.RemindersAfter(due, duty.Id, at), null, Provisional: false);
            items.Add(NewItem.Of(TrackedItem.FromOccurrence(occurrence, person.HomeArea, entry.AddedAt, by) with { Note = programme.ItemNote(entry) }));
        }

        return await _tracking.AddIfAbsentAsync(items, origin, cancellationToken).ConfigureAwait(false);
    }

    private static bool HoldsInYear(Person person, RoleId role, int year) =>
        person.Roles.Any(r => r.Role == role && r.Start.Year <= year && (r.End is not { } end || end > new DateOnly(year, 1, 1)));

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

/// <summary>One entry of a programme and its item (none when a stopped run did not make it yet).</summary>
public sealed record ProgrammeEntryView(ProgrammeEntry Entry, TrackedItem? Item);

/// <summary>A person's programme for a year under one duty, its entries with where they stand, and its target.</summary>
public sealed record ProgrammeView(Programme Programme, Duty Duty, int Target, IReadOnlyList<ProgrammeEntryView> Entries)
{
    public int Planned => Entries.Count;

    public int Held => Entries.Count(e => e.Item is { Status: ItemStatus.Done });

    public bool IsShort => Planned < Target;
}

/// <summary>What adding an entry did: the programme and the entry (new, or the same one already planned) and the items made; or why nothing was written.</summary>
public sealed record ProgrammeAddition(Programme? Programme, ProgrammeEntry? Entry, bool Added, int ItemsMade, string? Problem)
{
    public const string WhatField = "what";
    public const string WhenField = "when";
    public const string DutyField = "duty";

    /// <summary>The field a refusal is about (<see cref="WhatField"/>, <see cref="WhenField"/>, <see cref="DutyField"/>); null when it is about none.</summary>
    public string? ProblemField { get; init; }

    public static ProgrammeAddition Refused(string? field, string problem) => new(null, null, false, 0, problem) { ProblemField = field };
}

/// <summary>How a programme and its entries are described, the same in the CLI and in Teams.</summary>
public static class ProgrammeText
{
    /// <summary>"held Fri 5 Mar 2027", "not held", "overdue since Wed 31 Mar 2027", "moved to Fri 16 Apr 2027", "planned, due Wed 31 Mar 2027".</summary>
    public static string EntryState(ProgrammeEntryView entry, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Item switch
        {
            null => "planned",
            { Status: ItemStatus.Done, CompletedOn: { } on } => "held " + UkDates.Format(on),
            { Status: ItemStatus.Done } => "held",
            { Status: ItemStatus.NotApplicable } => "not held",
            { Status: ItemStatus.ClosedOther } => "closed",
            { } item when item.EffectiveDue < today => "overdue since " + UkDates.Format(item.EffectiveDue),
            { Status: ItemStatus.Rescheduled } item => "moved to " + UkDates.Format(item.EffectiveDue),
            { } item => "planned, due " + UkDates.Format(item.EffectiveDue),
        };
    }

    /// <summary>"2027: 3 planned of 4, 1 held": the programme against its target.</summary>
    public static string Tally(ProgrammeView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{view.Programme.Key.Year}: {view.Planned} planned of {view.Target}, {view.Held} held");
    }

    /// <summary>
    /// "You have planned 2 of the 4 visits in your programme for 2027" for its holder; "Rachel Okafor has planned 1 of the
    /// 4 visits in their programme for 2027" for their manager.
    /// </summary>
    public static string Shortfall(ProgrammeShortfall shortfall, bool forManager)
    {
        ArgumentNullException.ThrowIfNull(shortfall);
        var what = IsMeetings(shortfall.Duty) ? "meetings" : "visits";
        var (who, whose) = forManager ? (shortfall.Name + " has", "their") : ("You have", "your");
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{who} planned {shortfall.Planned} of the {shortfall.Target} {what} in {whose} programme for {shortfall.Year}");
    }

    /// <summary>"programme of visits" or "programme of meetings".</summary>
    public static string Kind(Duty duty) => IsMeetings(duty) ? "programme of meetings" : "programme of visits";

    /// <summary>A programme of meetings: its rhythm is the catalogue's "annual programme of meetings" setting.</summary>
    private static bool IsMeetings(Duty duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        return duty.Rhythm is ProgrammeRhythm { Setting: ProgrammeSettings.AnnualProgrammeOfMeetings };
    }
}
