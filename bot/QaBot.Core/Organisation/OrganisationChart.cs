namespace QaBot.Core.Organisation;

/// <summary>
/// The whole directory in memory: areas and people, with the rules that need more than one person (leaders of an
/// area, line management, escalation). Loaded for background work (scheduling, escalation, import); user-facing
/// paths read single people and area ranges instead.
/// </summary>
public sealed class OrganisationChart
{
    private readonly Dictionary<PersonId, Person> _people;
    private readonly Dictionary<string, Person> _byUpn;

    public OrganisationChart(AreaTree areas, IEnumerable<Person> people, OrganisationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(people);
        Areas = areas ?? throw new ArgumentNullException(nameof(areas));
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _people = people.ToDictionary(p => p.Id);
        _byUpn = _people.Values
            .Where(p => p.Active)
            .ToDictionary(p => p.Upn, StringComparer.OrdinalIgnoreCase);
    }

    public AreaTree Areas { get; }

    public OrganisationPolicy Policy { get; }

    /// <summary>Recorded leave and absence, with covers: escalation passes over someone away (docs/workforce.md).</summary>
    public Absences Absences { get; init; } = Absences.None;

    /// <summary>Everyone, including people who have left.</summary>
    public IReadOnlyCollection<Person> People => _people.Values;

    public IEnumerable<Person> ActivePeople => _people.Values.Where(p => p.Active);

    public Person? Find(PersonId id) => _people.GetValueOrDefault(id);

    /// <summary>An active person by user principal name (case does not matter).</summary>
    public Person? FindByUpn(string upn) => _byUpn.GetValueOrDefault(upn);

    /// <summary>Active people working anywhere in the area's subtree.</summary>
    public IEnumerable<Person> PeopleIn(AreaId subtree) => ActivePeople.Where(p => p.WorksIn(subtree));

    /// <summary>Active people who report to this manager.</summary>
    public IEnumerable<Person> ReportsOf(PersonId manager) =>
        ActivePeople.Where(p => p.LineManager == manager);

    /// <summary>The people who lead exactly this area, longest-serving first.</summary>
    public IReadOnlyList<Person> LeadersOf(AreaId area, DateOnly on) =>
        ActivePeople
            .Where(p => p.Areas.Contains(area) && Policy.Leads(p, on))
            .OrderBy(p => p.Roles.Where(r => r.HeldOn(on) && Policy.LeaderRoles.Contains(r.Role)).Min(r => r.Start))
            .ThenBy(p => p.Id.Value, StringComparer.Ordinal)
            .ToList();

    public Scope ScopeOf(Person person, DateOnly on) => ScopeRules.For(person, Policy, Areas, on);

    /// <summary>
    /// Who hears about this person's overdue items: their line manager while the manager is active; otherwise the
    /// leader of the nearest area above them (for someone who leads their own area, the area above that). Null at
    /// the top of the department. An elected member's go to the member-support officer the council names
    /// (<see cref="OrganisationPolicy.MemberSupportUpn"/>), if any, and never to an officer's line.
    /// </summary>
    /// <remarks>
    /// Someone away on the day is passed over: their cover takes what would have gone to them, or, with no cover, it goes
    /// to the next person up. An elected member's items go to the member-support officer in any case.
    /// </remarks>
    public Person? EscalationTarget(PersonId personId, DateOnly on)
    {
        var target = LineTarget(personId, on);
        if (target is null || (_people.TryGetValue(personId, out var person) && Policy.IsMember(person, on)))
        {
            return target;
        }

        var passed = new HashSet<PersonId> { personId };
        while (target is not null && Absences.On(target.Id, on) is { } away)
        {
            if (!passed.Add(target.Id))
            {
                return null;
            }

            if (CoverOn(away, on) is { } cover && cover.Id != personId)
            {
                return cover;
            }

            target = LineTarget(target.Id, on);
        }

        return target;
    }

    /// <summary>
    /// Who holds an absent person's items on the day: their cover, whatever the item; with no cover, for a statutory
    /// item only (it cannot wait for their return), the person their overdue items escalate to. Null when they are not
    /// away, or when the item waits for them.
    /// </summary>
    public Person? StandInFor(PersonId personId, DateOnly on, bool statutory)
    {
        if (Absences.On(personId, on) is not { } away)
        {
            return null;
        }

        if (CoverOn(away, on) is { } cover)
        {
            return cover;
        }

        return statutory ? EscalationTarget(personId, on) : null;
    }

    /// <summary>The absence's cover, while they are active and not away themselves.</summary>
    private Person? CoverOn(Absence absence, DateOnly on) =>
        absence.Cover is { } id && _people.TryGetValue(id, out var cover) && cover.Active && Absences.On(id, on) is null ? cover : null;

    /// <summary>
    /// Whom a person's overdue items go to by the line alone, leave aside: their line manager while active, else the
    /// leader of the nearest area above (an elected member's go to the member-support officer). For what must not change
    /// with someone's leave, such as who owns a vacant post's items; <see cref="EscalationTarget"/> passes over people away.
    /// </summary>
    public Person? LineTarget(PersonId personId, DateOnly on)
    {
        if (!_people.TryGetValue(personId, out var person))
        {
            return null;
        }

        if (Policy.IsMember(person, on))
        {
            return Policy.MemberSupportUpn is { } upn && FindByUpn(upn) is { } support && support.Id != person.Id ? support : null;
        }

        if (person.LineManager is { } managerId
            && managerId != person.Id
            && _people.TryGetValue(managerId, out var manager)
            && manager.Active)
        {
            return manager;
        }

        AreaId? start = Policy.Leads(person, on) ? person.HomeArea.Parent : person.HomeArea;
        for (var area = start; area is { } a; area = a.Parent)
        {
            var leader = LeadersOf(a, on).FirstOrDefault(l => l.Id != person.Id);
            if (leader is not null)
            {
                return leader;
            }
        }

        return null;
    }

    /// <summary>
    /// The escalation targets one above another (manager, their manager, ...), stopping before any repeat. An elected
    /// member's chain is the member-support officer alone: it goes no further up the officers' line.
    /// </summary>
    public IReadOnlyList<Person> EscalationChain(PersonId personId, DateOnly on)
    {
        if (_people.TryGetValue(personId, out var person) && Policy.IsMember(person, on))
        {
            return EscalationTarget(personId, on) is { } support ? [support] : [];
        }

        var chain = new List<Person>();
        var seen = new HashSet<PersonId> { personId };
        for (var next = EscalationTarget(personId, on); next is not null && seen.Add(next.Id); next = EscalationTarget(next.Id, on))
        {
            chain.Add(next);
        }

        return chain;
    }
}
