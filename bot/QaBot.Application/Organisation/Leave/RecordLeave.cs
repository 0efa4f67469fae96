using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Application.Organisation.Leave;

/// <summary>
/// Leave recorded from the card in chat: a person records their own, or a manager records it for someone they manage,
/// with a cover chosen from the people around them (docs/workforce.md). Everything else is <see cref="LeaveRegister"/>'s.
/// </summary>
public sealed class RecordLeave
{
    private readonly IDirectoryStore _directory;
    private readonly LeaveRegister _register;

    public RecordLeave(IDirectoryStore directory, LeaveRegister register)
    {
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _register = register ?? throw new ArgumentNullException(nameof(register));
    }

    /// <summary>What the card offers the person: whose leave they may record, who may cover, and the leave already recorded for them and their team.</summary>
    public async Task<LeaveForm> FormAsync(Person person, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var (reports, covers) = await PeopleAroundAsync(person, cancellationToken).ConfigureAwait(false);
        var mine = reports.Select(r => r.Id).Append(person.Id).ToHashSet();
        var recorded = (await _directory.ListAbsencesAsync(cancellationToken).ConfigureAwait(false))
            .Where(a => mine.Contains(a.Person) && a.To >= today)
            .ToList();
        var names = await PersonNames.LookupAsync(_directory, recorded.SelectMany(a => a.Cover is { } c ? new[] { a.Person, c } : [a.Person]), cancellationToken, person).ConfigureAwait(false);
        return new LeaveForm(
            person,
            reports,
            covers,
            recorded.Select(a => new RecordedLeave(a, names.GetValueOrDefault(a.Person, a.Person.Value), a.Cover is { } c ? names.GetValueOrDefault(c, c.Value) : null)).ToList());
    }

    /// <summary>The people the person manages, and who may cover for them or their reports: themselves, their reports, their team and their manager.</summary>
    private async Task<(IReadOnlyList<Person> Reports, IReadOnlyList<Person> Covers)> PeopleAroundAsync(Person person, CancellationToken cancellationToken)
    {
        var reports = await _directory.GetReportsAsync(person.Id, cancellationToken).ConfigureAwait(false);
        var covers = new Dictionary<PersonId, Person> { [person.Id] = person };
        foreach (var p in reports)
        {
            covers.TryAdd(p.Id, p);
        }

        if (person.LineManager is { } managerId)
        {
            foreach (var peer in await _directory.GetReportsAsync(managerId, cancellationToken).ConfigureAwait(false))
            {
                covers.TryAdd(peer.Id, peer);
            }

            if (await _directory.GetPersonAsync(managerId, cancellationToken).ConfigureAwait(false) is { Active: true } manager)
            {
                covers.TryAdd(manager.Id, manager);
            }
        }

        return (reports, covers.Values.Where(p => p.Active).OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList());
    }

    /// <summary>
    /// Records leave for <paramref name="forWhom"/> (the presser when null), if the presser is them or their line
    /// manager, with the cover named, if any. Nothing is written when anything is wrong.
    /// </summary>
    public async Task<LeaveOutcome> ExecuteAsync(Person by, PersonId? forWhom, DateOnly from, DateOnly to, PersonId? cover, DateTimeOffset at, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (from < _register.Today(at))
        {
            return LeaveOutcome.Refused("The first day away is before today: ask the QA team to record leave that has already started.");
        }

        var away = forWhom is not { } id || id == by.Id ? by : await _directory.GetPersonAsync(id, cancellationToken).ConfigureAwait(false);
        if (away is null || (away.Id != by.Id && away.LineManager != by.Id))
        {
            return LeaveOutcome.Refused("You can record leave for yourself or for someone you manage.");
        }

        Person? covering = null;
        if (cover is { } coverId)
        {
            // Only someone the card offers: the team, the manager, the people managed.
            var (_, offered) = await PeopleAroundAsync(by, cancellationToken).ConfigureAwait(false);
            covering = offered.FirstOrDefault(p => p.Id == coverId);
            if (covering is null)
            {
                return LeaveOutcome.Refused("Choose the cover from the list.");
            }
        }

        return await _register.AddAsync(away, from, to, covering, Actor.Person(by.Id), at, origin, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>What the leave card shows: whose leave the person may record (themselves, their reports), who may cover, and leave recorded now or to come.</summary>
public sealed record LeaveForm(Person Person, IReadOnlyList<Person> Reports, IReadOnlyList<Person> Covers, IReadOnlyList<RecordedLeave> Recorded);

/// <summary>Leave as the card lists it, with the names.</summary>
public sealed record RecordedLeave(Absence Absence, string Name, string? CoverName);
