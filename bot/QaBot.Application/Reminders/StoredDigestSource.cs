using QaBot.Application.Assurance;
using QaBot.Application.Tracking;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Reminders;

/// <summary>
/// Composes a digest from storage: the recipient's own outstanding items that have reached a reminder or their due
/// date, and the overdue items escalated to them (level 1 from the people whose escalation target they are, once
/// an item is past the line-manager threshold; level 2 from the level below that, past the next-level threshold), and
/// the items they hold for someone away (as their cover, or as the manager of someone away without one).
/// </summary>
public sealed class StoredDigestSource : IDigestSource
{
    private readonly DirectoryCache _directory;
    private readonly ITrackingStore _tracking;
    private readonly ScheduleRules _rules;
    private readonly SetAsideReview? _setAside;
    private readonly AnnualProgrammes? _programmes;

    /// <param name="setAside">What a manager sees of their reports' not-applicable items; none, to leave it out.</param>
    /// <param name="programmes">The programmes short of target the recipient and a manager are shown; none, to leave them out.</param>
    public StoredDigestSource(DirectoryCache directory, ITrackingStore tracking, ScheduleRules rules, SetAsideReview? setAside = null, AnnualProgrammes? programmes = null)
    {
        _setAside = setAside;
        _programmes = programmes;
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
    }

    public async Task<Digest?> ComposeAsync(PersonId recipient, DateOnly asOf, string runId, CancellationToken cancellationToken = default)
    {
        var chart = await _directory.GetChartAsync(cancellationToken).ConfigureAwait(false);
        var person = chart.Find(recipient);
        if (person is null || !person.Active)
        {
            return null;
        }

        var endOfDay = _rules.Calendar.ToInstant(asOf.AddDays(1), TimeOnly.MinValue);
        var own = (await _tracking.GetOpenItemsAsync(person, cancellationToken).ConfigureAwait(false))
            .Where(i => i.IsOutstanding && (i.EffectiveDue <= asOf || i.RemindAt.Any(r => r < endOfDay)))
            .OrderBy(i => i.EffectiveDue)
            .ThenBy(i => i.Id.Value, StringComparer.Ordinal)
            .Select(i => ToDigestItem(i, chart, 0))
            .ToList();

        own.AddRange(await HeldForOthersAsync(person, chart, asOf, endOfDay, cancellationToken).ConfigureAwait(false));
        var lines = await _directory.GetEscalationLinesAsync(asOf, cancellationToken).ConfigureAwait(false);
        var escalated = new List<DigestItem>();
        IReadOnlyList<SetAsideUse> setAside = [];
        IReadOnlyList<Person> reports = [];
        var overdueBefore = _rules.OverdueDueBefore(asOf);
        foreach (var level in new[] { 1, 2 })
        {
            var sources = lines.SourcesOf(recipient, level).ToHashSet();
            if (sources.Count == 0)
            {
                continue;
            }

            if (level == 1)
            {
                reports = [.. sources.Select(s => chart.Find(s)!)];
                if (_setAside is not null)
                {
                    setAside = await _setAside.ForReportsAsync(reports, asOf, cancellationToken).ConfigureAwait(false);
                }
            }

            var threshold = level == 1 ? EscalationLevel.LineManager : EscalationLevel.NextLevel;
            foreach (var area in OutermostAreas(sources.Select(s => chart.Find(s)!.HomeArea)))
            {
                var items = await _tracking.GetOutstandingAsync(area, overdueBefore, cancellationToken).ConfigureAwait(false);
                escalated.AddRange(items
                    .Where(i => sources.Contains(i.Owner) && _rules.EscalationLevelOn(i.EffectiveDue, asOf) >= threshold)
                    .Select(i => ToDigestItem(i, chart, level)));
            }
        }

        var ordered = escalated
            .DistinctBy(i => i.Item.Key)
            .OrderBy(i => i.Item.EffectiveDue)
            .ThenBy(i => i.EscalationLevel)
            .ThenBy(i => i.Item.Id.Value, StringComparer.Ordinal)
            .ToList();
        var programmesShort = _programmes is null ? [] : await _programmes.FlagsAsync(person, reports, asOf, cancellationToken).ConfigureAwait(false);
        return new Digest(recipient, person.DisplayName, asOf, DigestComposer.Order(own), ordered, runId) { SetAside = setAside, SetAsideFrom = _setAside?.From(asOf) ?? default, ProgrammesShort = programmesShort };
    }

    /// <summary>
    /// The items the recipient holds for people away on the day (<see cref="OrganisationChart.StandInFor"/>): everything
    /// due of those they cover, and the statutory items of their reports away without a cover.
    /// </summary>
    private async Task<IReadOnlyList<DigestItem>> HeldForOthersAsync(Person recipient, OrganisationChart chart, DateOnly asOf, DateTimeOffset endOfDay, CancellationToken cancellationToken)
    {
        var away = chart.Absences.CoveredBy(recipient.Id, asOf).Select(a => a.Person)
            .Concat(chart.Absences.All.Where(a => a.Cover is null && a.IsOn(asOf)).Select(a => a.Person))
            .Distinct()
            .Select(chart.Find)
            .OfType<Person>()
            .Where(p => p.Active && p.Id != recipient.Id)
            .ToList();
        var held = new List<DigestItem>();
        foreach (var owner in away)
        {
            var statutoryHolder = chart.StandInFor(owner.Id, asOf, statutory: true);
            if (statutoryHolder?.Id != recipient.Id)
            {
                continue;
            }

            var items = await _tracking.GetOpenItemsAsync(owner, cancellationToken).ConfigureAwait(false);
            held.AddRange(items
                .Where(i => i.IsOutstanding && (i.EffectiveDue <= asOf || i.RemindAt.Any(r => r < endOfDay)))
                .Where(i => chart.StandInFor(owner.Id, asOf, _rules.IsStatutory(i.Duty))?.Id == recipient.Id)
                .Select(i => ToDigestItem(i, chart, 0) with { CoveringFor = owner.DisplayName }));
        }

        return held;
    }

    private static DigestItem ToDigestItem(TrackedItem item, OrganisationChart chart, int level) =>
        new(item, chart.Find(item.Owner)?.DisplayName ?? item.Owner.Value, item.Concerns is { } c ? chart.Find(c)?.DisplayName : null, level)
        {
            OwnerIsMember = level > 0 && DigestComposer.IsMember(item.Owner, chart, item.Due),
        };

    /// <summary>The areas to read so that each subtree is read once: an area inside another one listed is dropped.</summary>
    private static IEnumerable<AreaId> OutermostAreas(IEnumerable<AreaId> areas)
    {
        var distinct = areas.Distinct().ToList();
        return distinct.Where(a => !distinct.Any(other => other != a && a.IsWithin(other)));
    }
}
