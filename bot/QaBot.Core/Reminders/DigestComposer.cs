using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Core.Reminders;

/// <summary>
/// Works out what each person's digest holds on a date, from data the caller has loaded: their own outstanding items
/// that are due (inside the reminder lead window) or overdue, and, for a manager, the overdue items escalated to them.
/// Escalation follows <see cref="ScheduleRules.EscalationLevelOn"/> and the organisation's routing
/// (<see cref="OrganisationChart.EscalationChain"/>): at level 1 an item goes to the owner's line manager (or, with no
/// line manager, the head of the area above); at level 2 to the next person up as well. While an owner is away, their
/// items due or overdue are in their stand-in's digest instead, marked "covering for" them. Pure: the scheduler composes
/// a whole run from one bulk load with <see cref="ComposeAll"/>, and chat composes one person's with
/// <see cref="Compose"/> (see DigestLoader in the application layer for loading one person's data through the ports).
/// </summary>
public sealed class DigestComposer
{
    /// <summary>The name shown for someone the directory no longer has.</summary>
    public const string UnknownPersonName = "someone no longer in the directory";

    public DigestComposer(ScheduleRules rules)
    {
        Rules = rules ?? throw new ArgumentNullException(nameof(rules));
    }

    public ScheduleRules Rules { get; }

    /// <summary>The first local date on which the item counts as due: its duty's longest reminder lead before its (rescheduled) due date.</summary>
    public DateOnly DueFrom(TrackedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Rules.RemindedFrom(item.EffectiveDue, item.Duty);
    }

    /// <summary>Outstanding, and inside its reminder lead window or past it on <paramref name="asOf"/>.</summary>
    public bool IsDueOrOverdue(TrackedItem item, DateOnly asOf) => item.IsOutstanding && asOf >= DueFrom(item);

    /// <summary>Outstanding and overdue on <paramref name="asOf"/> under the council's policy (see <see cref="ScheduleRules.IsOverdue(TrackedItem, DateOnly)"/>).</summary>
    public bool IsOverdue(TrackedItem item, DateOnly asOf) => Rules.IsOverdue(item, asOf);

    /// <summary>How far an outstanding item has escalated on <paramref name="asOf"/> (none for a closed item).</summary>
    public EscalationLevel EscalationLevelOf(TrackedItem item, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.IsOutstanding ? Rules.EscalationLevelOn(item.EffectiveDue, asOf) : EscalationLevel.None;
    }

    /// <summary>
    /// Who hears about the item on <paramref name="asOf"/> beyond its owner, and at which level: the first person up
    /// the owner's escalation chain at level 1, and the second as well at level 2. Empty while it has not escalated.
    /// </summary>
    public IReadOnlyList<(Person Recipient, int Level)> EscalationRecipients(TrackedItem item, OrganisationChart chart, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var level = EscalationLevelOf(item, asOf);
        return level == EscalationLevel.None ? [] : Route(chart.EscalationChain(item.Owner, asOf), level);
    }

    /// <summary>
    /// One person's digest. <paramref name="items"/> may hold anything loaded for the run (their own items, their
    /// team's, the whole department's): only the recipient's own due or overdue items and the items escalated to
    /// them are kept. <paramref name="chart"/> must hold the people on the escalation routes and the names to show.
    /// </summary>
    /// <param name="upcomingUntil">When given, the digest's <see cref="Digest.Upcoming"/> holds the recipient's own items due after their reminder window and by this date.</param>
    public Digest Compose(Person recipient, DateOnly asOf, IEnumerable<TrackedItem> items, OrganisationChart chart, string? runId = null, DateOnly? upcomingUntil = null)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(chart);
        var own = new List<DigestItem>();
        var escalated = new List<DigestItem>();
        var upcoming = new List<DigestItem>();
        var chains = new Dictionary<PersonId, IReadOnlyList<Person>>();
        foreach (var item in items.DistinctBy(i => i.Key))
        {
            if (!item.IsOutstanding)
            {
                continue;
            }

            if (item.Owner == recipient.Id)
            {
                if (IsDueOrOverdue(item, asOf))
                {
                    own.Add(ToDigestItem(item, chart, 0));
                }
                else if (item.EffectiveDue <= upcomingUntil)
                {
                    upcoming.Add(ToDigestItem(item, chart, 0));
                }

                continue;
            }

            if (HolderOf(item, chart, asOf) is { } holder && holder.Id == recipient.Id)
            {
                if (IsDueOrOverdue(item, asOf))
                {
                    own.Add(ToDigestItem(item, chart, 0) with { CoveringFor = NameOf(item.Owner, chart) });
                }

                continue;
            }

            var level = Rules.EscalationLevelOn(item.EffectiveDue, asOf);
            if (level == EscalationLevel.None)
            {
                continue;
            }

            foreach (var (to, relative) in Route(ChainOf(item.Owner, chart, asOf, chains), level))
            {
                if (to.Id == recipient.Id)
                {
                    escalated.Add(ToDigestItem(item, chart, relative));
                }
            }
        }

        return new Digest(recipient.Id, recipient.DisplayName, asOf, Order(own), Order(escalated), runId) { Upcoming = Order(upcoming) };
    }

    /// <summary>
    /// Every digest of a run, from one load of outstanding items: one per active person who has something, in person id
    /// order. Each item is routed once, so the cost grows with the items, not with people times items.
    /// </summary>
    public IReadOnlyList<Digest> ComposeAll(IEnumerable<TrackedItem> items, OrganisationChart chart, DateOnly asOf, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(chart);
        var own = new Dictionary<PersonId, List<DigestItem>>();
        var escalated = new Dictionary<PersonId, List<DigestItem>>();
        var chains = new Dictionary<PersonId, IReadOnlyList<Person>>();
        foreach (var item in items.DistinctBy(i => i.Key))
        {
            if (!item.IsOutstanding)
            {
                continue;
            }

            if (chart.Find(item.Owner) is { Active: true } && IsDueOrOverdue(item, asOf))
            {
                if (chart.Absences.On(item.Owner, asOf) is null)
                {
                    Add(own, item.Owner, ToDigestItem(item, chart, 0));
                }
                else if (HolderOf(item, chart, asOf) is { } holder)
                {
                    Add(own, holder.Id, ToDigestItem(item, chart, 0) with { CoveringFor = NameOf(item.Owner, chart) });
                }
            }

            var level = Rules.EscalationLevelOn(item.EffectiveDue, asOf);
            if (level == EscalationLevel.None)
            {
                continue;
            }

            foreach (var (to, relative) in Route(ChainOf(item.Owner, chart, asOf, chains), level))
            {
                Add(escalated, to.Id, ToDigestItem(item, chart, relative));
            }
        }

        return own.Keys.Union(escalated.Keys)
            .Select(id => chart.Find(id)!)
            .Where(p => p.Active)
            .OrderBy(p => p.Id.Value, StringComparer.Ordinal)
            .Select(p => new Digest(
                p.Id,
                p.DisplayName,
                asOf,
                Order(own.GetValueOrDefault(p.Id) ?? []),
                Order(escalated.GetValueOrDefault(p.Id) ?? []),
                runId))
            .ToList();
    }

    /// <summary>
    /// Who holds an item on <paramref name="asOf"/> while its owner is away: their cover, or for a statutory item with no
    /// cover their manager (<see cref="OrganisationChart.StandInFor"/>). Null when the owner is not away, or the item waits.
    /// </summary>
    public Person? HolderOf(TrackedItem item, OrganisationChart chart, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(chart);
        return chart.StandInFor(item.Owner, asOf, Rules.IsStatutory(item.Duty));
    }

    /// <summary>Worst first: the longest overdue (earliest due) first, then the deeper escalation, then a stable order.</summary>
    public static IReadOnlyList<DigestItem> Order(IEnumerable<DigestItem> items) =>
        items
            .OrderBy(i => i.Item.EffectiveDue)
            .ThenByDescending(i => i.EscalationLevel)
            .ThenBy(i => i.OwnerName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(i => i.Item.Duty.Value, StringComparer.Ordinal)
            .ThenBy(i => i.Item.Id.Value, StringComparer.Ordinal)
            .ToList();

    /// <summary>The item with the owner's and supervisee's names from the chart.</summary>
    public static DigestItem ToDigestItem(TrackedItem item, OrganisationChart chart, int escalationLevel)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(chart);
        return new DigestItem(
            item,
            NameOf(item.Owner, chart),
            item.Concerns is { } concerns ? NameOf(concerns, chart) : null,
            escalationLevel)
        {
            OwnerIsMember = escalationLevel > 0 && IsMember(item.Owner, chart, item.Due),
        };
    }

    /// <summary>Whether the owner is an elected member (in the chart, holding only monitoring roles on the day).</summary>
    public static bool IsMember(PersonId owner, OrganisationChart chart, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return chart.Find(owner) is { } person && chart.Policy.IsMember(person, on);
    }

    private static string NameOf(PersonId id, OrganisationChart chart) => chart.Find(id)?.DisplayName ?? UnknownPersonName;

    private static IReadOnlyList<Person> ChainOf(PersonId owner, OrganisationChart chart, DateOnly asOf, Dictionary<PersonId, IReadOnlyList<Person>> cache)
    {
        if (!cache.TryGetValue(owner, out var chain))
        {
            cache[owner] = chain = chart.EscalationChain(owner, asOf);
        }

        return chain;
    }

    private static List<(Person Recipient, int Level)> Route(IReadOnlyList<Person> chain, EscalationLevel level)
    {
        var route = new List<(Person, int)>(2);
        if (chain.Count > 0)
        {
            route.Add((chain[0], 1));
        }

        if (level == EscalationLevel.NextLevel && chain.Count > 1)
        {
            route.Add((chain[1], 2));
        }

        return route;
    }

    private static void Add(Dictionary<PersonId, List<DigestItem>> lists, PersonId person, DigestItem item)
    {
        if (!lists.TryGetValue(person, out var list))
        {
            lists[person] = list = [];
        }

        list.Add(item);
    }
}
