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
    /// Adds a visit or meeting to <paramref name="person"/>'s programme: <paramref name="what"/> (checked for personal
    /// identifiers) and <paramref name="when"/> ("2027-03" for a month, "2027-03-16" for a date, not in the past, this
    /// year or next). <paramref name="duty"/> may be left out when the person has one programme duty. The same thing at
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
            return ProgrammeAddition.Refused($"'{when}' (when) is not a month or a date: give yyyy-MM for a month (2027-03) or yyyy-MM-dd for a day (2027-03-16).");
        }

        if (planned.Last < today)
        {
            return ProgrammeAddition.Refused($"{Capitalised(planned.Words)} (when) has passed: plan visits and meetings from today on.");
        }

        if (planned.Year > today.Year + 1)
        {
            return ProgrammeAddition.Refused($"{Capitalised(planned.Words)} (when) is too far ahead: plan this year's programme or next year's.");
        }

        var owed = Duties.Where(d => person.HoldsRole(d.RoleId, today) || person.HoldsRole(d.RoleId, planned.First)).ToList();
        Duty? chosen;
        if (string.IsNullOrWhiteSpace(duty))
        {
            if (owed.Count != 1)
            {
                return ProgrammeAddition.Refused(owed.Count == 0
                    ? $"{person.DisplayName} holds no role with an annual programme of visits or meetings."
                    : $"{person.DisplayName} has {owed.Count} programmes: say which (duty), one of {string.Join(", ", owed.Select(d => d.Id.Value))}.");
            }

            chosen = owed[0];
        }
        else
        {
            chosen = owed.FirstOrDefault(d => d.Id.Value == duty.Trim());
            if (chosen is null)
            {
                return ProgrammeAddition.Refused(Duties.Any(d => d.Id.Value == duty.Trim())
                    ? $"{person.DisplayName} does not hold the role that owes {duty.Trim()}" + (owed.Count > 0 ? $": their programmes are {string.Join(", ", owed.Select(d => d.Id.Value))}." : ".")
                    : $"'{duty.Trim()}' (duty) is not a duty planned in programmes: those are {string.Join(", ", Duties.Select(d => d.Id.Value))}.");
            }
        }

        var text = what.Trim();
        if (text.Length == 0)
        {
            return ProgrammeAddition.Refused("Say what the visit or meeting is (what): a team, a children's home or a meeting.");
        }

        if (AuditPlanReader.TextProblem(text, Programme.MaxWhatLength, _identifiers) is { } problem)
        {
            return ProgrammeAddition.Refused($"What the visit or meeting is (what) was not kept: it {problem}");
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
                return ProgrammeAddition.Refused($"The programme for {planned.Year} already has {Programme.MaxEntries} entries, the most one programme keeps.");
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

        return ProgrammeAddition.Refused($"{person.DisplayName}'s programme was being changed by someone else at the same time: try again.");
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

            views.Add(new ProgrammeView(programme, duty, Target(duty), entries));
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
                .Select(d => new ProgrammeShortfall(person.Id, person.DisplayName, d, asOf.Year, planned.GetValueOrDefault((person.Id, d.Id)), Target(d))))
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
    /// The day an entry is due: a month's last working day, or the date moved off a weekend or bank holiday as every
    /// due date is (<see cref="SchedulePolicy.DueDateOnNonWorkingDay"/>); never before <paramref name="today"/>.
    /// </summary>
    public DateOnly DueOf(ProgrammeWhen when, DateOnly today)
    {
        var due = when.IsMonth
            ? _rules.Calendar.WorkingDayOnOrBefore(when.Last)
            : _rules.Policy.DueDateOnNonWorkingDay == NonWorkingDayRule.PreviousWorkingDay
                ? _rules.Calendar.WorkingDayOnOrBefore(when.First)
                : _rules.Calendar.WorkingDayOnOrAfter(when.First);
        return due < today ? today : due;
    }

    private async Task<int> MakeItemsAsync(Person person, Duty duty, Programme programme, Actor by, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var items = new List<NewItem>(programme.Entries.Count);
        foreach (var entry in programme.Entries)
        {
            // Settled by the day the entry was added, so an item made later after a stop is the same item.
            var due = DueOf(entry.When, _rules.Calendar.LocalDateOf(entry.AddedAt));
            var occurrence = new Occurrence(programme.ItemFor(entry), duty.Id, person.Id, due, new DateOnly(programme.Key.Year, 1, 1), due,
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
    public static ProgrammeAddition Refused(string problem) => new(null, null, false, 0, problem);
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

    /// <summary>"Your programme of visits for 2027 has 2 of the 4 a year planned": a shortfall in words for its holder, or (with a name) for their manager.</summary>
    public static string Shortfall(ProgrammeShortfall shortfall, bool forManager)
    {
        ArgumentNullException.ThrowIfNull(shortfall);
        var whose = forManager ? shortfall.Name + "'s" : "Your";
        var kind = Kind(shortfall.Duty);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{whose} {kind} for {shortfall.Year} has {shortfall.Planned} of the {shortfall.Target} a year planned");
    }

    /// <summary>"programme of visits" or "programme of meetings", from the framework's words.</summary>
    public static string Kind(Duty duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        return duty.Frequency.Contains("meetings", StringComparison.OrdinalIgnoreCase) ? "programme of meetings" : "programme of visits";
    }
}
