using QaBot.Application.Assurance;
using QaBot.Application.Organisation;
using QaBot.Application.Tracking;
using QaBot.Core.Assurance;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;

namespace QaBot.Application.Reminders;

/// <summary>
/// Loads what one person's digest needs through the ports, with key lookups and key ranges only (no whole-directory
/// read), and composes it with <see cref="DigestComposer"/>: "my tasks" in chat, the refreshed card after a reply,
/// and a single digest for the scheduler. The scheduler's run composes everyone's from one bulk load instead.
/// </summary>
public sealed class DigestLoader
{
    private readonly IDirectoryStore _directory;
    private readonly ITrackingStore _tracking;
    private readonly DigestComposer _composer;
    private readonly OrganisationPolicy _policy;
    private readonly SetAsideReview? _setAside;
    private readonly AnnualProgrammes? _programmes;

    /// <param name="setAside">What a manager sees of their reports' not-applicable items; none, to leave it out.</param>
    /// <param name="programmes">The programmes short of target the recipient and a manager are shown; none, to leave them out.</param>
    public DigestLoader(IDirectoryStore directory, ITrackingStore tracking, DigestComposer composer, OrganisationPolicy policy, SetAsideReview? setAside = null, AnnualProgrammes? programmes = null)
    {
        _setAside = setAside;
        _programmes = programmes;
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _composer = composer ?? throw new ArgumentNullException(nameof(composer));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    /// <summary>How far ahead "my tasks" lists what is coming up: four weeks.</summary>
    public const int UpcomingDays = 28;

    /// <summary>The person's digest on <paramref name="asOf"/>, or null when the directory has no active person with this id.</summary>
    public async Task<Digest?> LoadAsync(PersonId personId, DateOnly asOf, string? runId = null, CancellationToken cancellationToken = default)
    {
        var recipient = await _directory.GetPersonAsync(personId, cancellationToken).ConfigureAwait(false);
        return recipient is { Active: true } ? await LoadAsync(recipient, asOf, runId, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>"my tasks": the digest, with the person's own items falling due in the next four weeks (<see cref="UpcomingDays"/>) before their reminders start.</summary>
    public Task<Digest> LoadWithUpcomingAsync(Person recipient, DateOnly asOf, CancellationToken cancellationToken = default) =>
        LoadAsync(recipient, asOf, null, asOf.AddDays(UpcomingDays), cancellationToken);

    /// <summary>The digest of a person already read from the directory.</summary>
    public Task<Digest> LoadAsync(Person recipient, DateOnly asOf, string? runId = null, CancellationToken cancellationToken = default) =>
        LoadAsync(recipient, asOf, runId, null, cancellationToken);

    private async Task<Digest> LoadAsync(Person recipient, DateOnly asOf, string? runId, DateOnly? upcomingUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var ownTask = _tracking.GetOpenItemsAsync(recipient, cancellationToken);
        var reports = await _directory.GetReportsAsync(recipient.Id, cancellationToken).ConfigureAwait(false);
        var setAsideTask = _setAside is null || reports.Count == 0
            ? Task.FromResult<IReadOnlyList<SetAsideUse>>([])
            : _setAside.ForReportsAsync(reports, asOf, cancellationToken);
        var programmesTask = _programmes is null
            ? Task.FromResult<IReadOnlyList<ProgrammeShortfall>>([])
            : _programmes.FlagsAsync(recipient, reports, asOf, cancellationToken);
        var leads = _policy.Leads(recipient, asOf);
        var absences = new Absences(await _directory.ListAbsencesAsync(cancellationToken).ConfigureAwait(false));
        var covering = absences.CoveredBy(recipient.Id, asOf);
        if (reports.Count == 0 && !leads && covering.Count == 0)
        {
            // Most people: nobody's items can escalate to them.
            var own = await ownTask.ConfigureAwait(false);
            var alone = new OrganisationChart(AreaTree.Empty, [recipient], _policy) { Absences = absences };
            return _composer.Compose(recipient, asOf, own, alone, runId, upcomingUntil) with { SetAside = await setAsideTask.ConfigureAwait(false), SetAsideFrom = _setAside?.From(asOf) ?? default, ProgrammesShort = await programmesTask.ConfigureAwait(false) };
        }

        // Everyone whose escalation chain can reach the recipient within two steps: their reports, their reports'
        // reports, and (for a leader) anyone in the areas they lead, whose chain runs through the area's leaders
        // when they have no line manager.
        var people = new Dictionary<PersonId, Person> { [recipient.Id] = recipient };
        AddAll(people, reports);
        foreach (var list in await Task.WhenAll(reports.Select(r => _directory.GetReportsAsync(r.Id, cancellationToken))).ConfigureAwait(false))
        {
            AddAll(people, list);
        }

        if (leads)
        {
            var led = ScopeRules.Outermost(recipient.Areas);
            foreach (var list in await Task.WhenAll(led.Select(a => _directory.GetPeopleInAreaAsync(a, cancellationToken))).ConfigureAwait(false))
            {
                AddAll(people, list);
            }
        }

        // The people they cover for while away: their items are the recipient's meanwhile.
        await AddMissingAsync(people, covering.Select(a => (PersonId?)a.Person), cancellationToken).ConfigureAwait(false);

        // A chain is only right when each step's line manager is known: fetch the few that live elsewhere, twice over
        // so that the second step of a chain is right too.
        for (var pass = 0; pass < 2; pass++)
        {
            await AddMissingAsync(people, people.Values.Select(p => p.LineManager), cancellationToken).ConfigureAwait(false);
        }

        var chart = new OrganisationChart(AreaTree.Empty, people.Values, _policy) { Absences = absences };
        var owners = people.Values
            .Where(p => p.Id != recipient.Id && (chart.EscalationChain(p.Id, asOf).Take(2).Any(c => c.Id == recipient.Id) || covering.Any(a => a.Person == p.Id)))
            .ToList();
        var lists = await Task.WhenAll(owners.Select(o => _tracking.GetOpenItemsAsync(o, cancellationToken))).ConfigureAwait(false);
        var items = (await ownTask.ConfigureAwait(false)).Concat(lists.SelectMany(l => l)).ToList();

        // Names of supervisees on escalated items who are outside what was read.
        var before = people.Count;
        await AddMissingAsync(people, items.Select(i => i.Concerns), cancellationToken).ConfigureAwait(false);
        if (people.Count != before)
        {
            chart = new OrganisationChart(AreaTree.Empty, people.Values, _policy) { Absences = absences };
        }

        return _composer.Compose(recipient, asOf, items, chart, runId, upcomingUntil) with { SetAside = await setAsideTask.ConfigureAwait(false), SetAsideFrom = _setAside?.From(asOf) ?? default, ProgrammesShort = await programmesTask.ConfigureAwait(false) };
    }

    /// <summary>
    /// The person's outstanding items due from Monday to Sunday of the week holding <paramref name="today"/> (those due
    /// earlier are overdue and in their digest), as a digest of their own items.
    /// </summary>
    public async Task<Digest> LoadWeekAsync(Person person, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var (monday, sunday) = WeekOf(today);
        var items = (await _tracking.GetOpenItemsAsync(person, cancellationToken).ConfigureAwait(false))
            .Where(i => i.EffectiveDue >= monday && i.EffectiveDue <= sunday)
            .ToList();
        var supervisees = await PersonNames.LookupAsync(_directory, items.Select(i => i.Concerns).OfType<PersonId>(), cancellationToken).ConfigureAwait(false);
        var own = items
            .Select(i => new DigestItem(i, person.DisplayName, i.Concerns is { } c ? supervisees.GetValueOrDefault(c, DigestComposer.UnknownPersonName) : null, 0))
            .ToList();
        return new Digest(person.Id, person.DisplayName, today, DigestComposer.Order(own), [], null);
    }

    /// <summary>Monday and Sunday of the week holding <paramref name="day"/>.</summary>
    public static (DateOnly Monday, DateOnly Sunday) WeekOf(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return (monday, monday.AddDays(6));
    }

    private async Task AddMissingAsync(Dictionary<PersonId, Person> people, IEnumerable<PersonId?> ids, CancellationToken cancellationToken)
    {
        var missing = ids.OfType<PersonId>().Where(id => !people.ContainsKey(id)).Distinct().ToList();
        foreach (var person in await Task.WhenAll(missing.Select(id => _directory.GetPersonAsync(id, cancellationToken))).ConfigureAwait(false))
        {
            if (person is not null)
            {
                people.TryAdd(person.Id, person);
            }
        }
    }

    private static void AddAll(Dictionary<PersonId, Person> people, IEnumerable<Person> list)
    {
        foreach (var person in list)
        {
            people.TryAdd(person.Id, person);
        }
    }
}
