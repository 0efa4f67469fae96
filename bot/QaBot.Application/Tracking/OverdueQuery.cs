using QaBot.Application.Compliance;
using QaBot.Application.Organisation;
using QaBot.Core.Compliance;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Tracking;

namespace QaBot.Application.Tracking;

/// <summary>
/// Works out "what's overdue" for a viewer: scope from the directory (never from what they typed), the counts by area
/// and duty from the compliance model's open tallies (one small row per area in scope, compared with today's cut-off),
/// and from the Outstanding index only the items on the page shown, by point reads where the tallies keep the items'
/// keys (the oldest of each area, so the first pages) and bounded key-range reads where they do not, with names looked
/// up for those items only.
/// </summary>
public sealed class OverdueQuery
{
    /// <summary>Items shown with their Nudge button on one page of the answer.</summary>
    public const int ItemsPerPage = 10;

    private readonly IDirectoryStore _directory;
    private readonly ITrackingStore _tracking;
    private readonly IComplianceStore _compliance;
    private readonly DigestComposer _composer;
    private readonly OrganisationPolicy _policy;

    public OverdueQuery(IDirectoryStore directory, ITrackingStore tracking, IComplianceStore compliance, DigestComposer composer, OrganisationPolicy policy)
    {
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _compliance = compliance ?? throw new ArgumentNullException(nameof(compliance));
        _composer = composer ?? throw new ArgumentNullException(nameof(composer));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    /// <param name="sharedConversation">Asked in a team channel or group chat: counts only, never names.</param>
    public async Task<OverdueAnswer> RunAsync(Person viewer, AreaTree tree, Area? asked, DateOnly asOf, int page, CancellationToken cancellationToken, bool sharedConversation = false)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(tree);
        var scope = ScopeRules.For(viewer, _policy, tree, asOf);
        if (sharedConversation)
        {
            scope = scope.InSharedConversation();
        }

        var request = scope.Narrow(asked?.Id);
        var dueBefore = _composer.Rules.OverdueDueBefore(asOf);

        if (request.OwnItemsOnly)
        {
            var own = (await _tracking.GetOpenItemsAsync(viewer, cancellationToken).ConfigureAwait(false))
                .Where(i => _composer.IsOverdue(i, asOf))
                .OrderBy(i => i.EffectiveDue)
                .ThenBy(i => i.Id.Value, StringComparer.Ordinal)
                .ToList();
            var names = await NamesAsync(own, viewer, cancellationToken).ConfigureAwait(false);
            return new OverdueAnswer(viewer, asOf, ScopeKind.OwnItems, [], asked, request.Restricted, own, [], names, tree, 0, own.Count);
        }

        var tallies = (await Task.WhenAll(request.Areas.Select(a => _compliance.GetOpenAsync(a, cancellationToken))).ConfigureAwait(false))
            .SelectMany(t => t)
            .DistinctBy(t => t.Area)
            .Where(t => request.Areas.Any(t.Area.IsWithin))
            .ToDictionary(t => t.Area);
        var overdue = tallies.Values.SelectMany(t => t.DueBefore(dueBefore)).ToList();
        var total = overdue.Sum(c => c.Count);

        if (!request.NamesVisible)
        {
            var merged = request.Areas.SelectMany(a => OverdueSummary.ByAreaAndDuty(overdue, a))
                .OrderByDescending(c => c.Count)
                .ThenBy(c => c.OldestDue)
                .ThenBy(c => c.Area.Value, StringComparer.Ordinal)
                .ThenBy(c => c.Duty.Value, StringComparer.Ordinal)
                .ToList();
            return new OverdueAnswer(viewer, asOf, ScopeKind.CountsOnly, request.Areas, asked, request.Restricted, [], merged,
                new Dictionary<PersonId, string>(), tree, 0, merged.Sum(c => c.Count));
        }

        var groups = request.Areas.Count == 1
            ? OverdueSummary.ByAreaAndDuty(overdue, request.Areas[0])
            : ByScopeArea(overdue, request.Areas);
        var pages = Math.Max(1, (total + ItemsPerPage - 1) / ItemsPerPage);
        var shownPage = Math.Clamp(page, 0, pages - 1);
        var onPage = await PageAsync(tallies, overdue, shownPage * ItemsPerPage, ItemsPerPage, cancellationToken).ConfigureAwait(false);
        var pageNames = await NamesAsync(onPage, viewer, cancellationToken).ConfigureAwait(false);
        return new OverdueAnswer(viewer, asOf, scope.Kind, request.Areas, asked, request.Restricted, onPage, groups, pageNames, tree, shownPage, total);
    }

    /// <summary>
    /// The overdue items ranked <paramref name="skip"/> onwards, <paramref name="take"/> of them, in the answer's order
    /// (due date, area, id). The counts say how many each area keeps on each date, so the page is read as one key
    /// range per area it touches; only the area whose date the page starts part-way through reads the items before it.
    /// Where an area's tally keeps the keys of the items wanted from it, they are read by key instead, and read by range
    /// only if one of them has closed since.
    /// </summary>
    private async Task<List<TrackedItem>> PageAsync(Dictionary<AreaId, OpenTally> tallies, IReadOnlyList<OpenCount> overdue, int skip, int take, CancellationToken cancellationToken)
    {
        var reads = new Dictionary<AreaId, (DateOnly First, DateOnly Last, int Skip, int Take)>();
        var position = 0;
        var end = skip + take;
        var groups = overdue
            .GroupBy(c => (c.Due, c.Area))
            .Select(g => (g.Key.Due, g.Key.Area, Count: g.Sum(c => c.Count)))
            .OrderBy(g => g.Due)
            .ThenBy(g => g.Area.Value, StringComparer.Ordinal);
        foreach (var (due, area, count) in groups)
        {
            var (from, to) = (position, position + count);
            position = to;
            if (to <= skip)
            {
                continue;
            }

            if (from >= end)
            {
                break;
            }

            var inWindow = Math.Min(to, end) - Math.Max(from, skip);
            reads[area] = reads.TryGetValue(area, out var read)
                ? read with { Last = due, Take = read.Take + inWindow }
                : (due, due, Math.Max(0, skip - from), inWindow);
        }

        var parts = await Task.WhenAll(reads.Select(async r =>
        {
            var (area, (first, last, from, count)) = (r.Key, r.Value);
            if (tallies[area].OldestAt(tallies[area].OpenBefore(first) + from, count) is { } keys)
            {
                var found = await _tracking.GetOutstandingByKeyAsync(area, keys, cancellationToken).ConfigureAwait(false);
                if (found.Count == keys.Count)
                {
                    return found;
                }
            }

            return (await _tracking.GetOutstandingKeptInAsync(area, first, last, from + count, cancellationToken).ConfigureAwait(false)).Skip(from);
        })).ConfigureAwait(false);
        return parts.SelectMany(p => p)
            .OrderBy(i => i.EffectiveDue)
            .ThenBy(i => i.Area.Value, StringComparer.Ordinal)
            .ThenBy(i => i.Id.Value, StringComparer.Ordinal)
            .Take(take)
            .ToList();
    }

    /// <summary>Counts under each area in scope (a head of service over four localities sees the four).</summary>
    private static List<AreaDutyCount> ByScopeArea(IReadOnlyList<OpenCount> overdue, IReadOnlyList<AreaId> areas) =>
        overdue
            .GroupBy(c => (Area: areas.First(a => c.Area.IsWithin(a)), c.Duty))
            .Select(g => new AreaDutyCount(g.Key.Area, g.Key.Duty, g.Sum(c => c.Count), g.Min(c => c.Due)))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.OldestDue)
            .ThenBy(c => c.Area.Value, StringComparer.Ordinal)
            .ThenBy(c => c.Duty.Value, StringComparer.Ordinal)
            .ToList();

    private Task<Dictionary<PersonId, string>> NamesAsync(IEnumerable<TrackedItem> items, Person viewer, CancellationToken cancellationToken) =>
        PersonNames.LookupAsync(_directory, items.SelectMany(i => i.Concerns is { } c ? new[] { i.Owner, c } : [i.Owner]), cancellationToken, viewer);
}
