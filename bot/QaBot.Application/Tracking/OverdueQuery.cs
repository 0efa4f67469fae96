using QaBot.Application.Organisation;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Tracking;

namespace QaBot.Application.Tracking;

/// <summary>
/// Works out "what's overdue" for a viewer: scope from the directory (never from what they typed), one key-range
/// read of live items per area in scope, and names looked up only for the items on the page shown.
/// </summary>
public sealed class OverdueQuery
{
    /// <summary>Items shown with their Nudge button on one page of the answer.</summary>
    public const int ItemsPerPage = 10;

    private readonly IDirectoryStore _directory;
    private readonly ITrackingStore _tracking;
    private readonly DigestComposer _composer;
    private readonly OrganisationPolicy _policy;

    public OverdueQuery(IDirectoryStore directory, ITrackingStore tracking, DigestComposer composer, OrganisationPolicy policy)
    {
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
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
            return new OverdueAnswer(viewer, asOf, ScopeKind.OwnItems, [], asked, request.Restricted, own, [], names, tree, 0);
        }

        if (!request.NamesVisible)
        {
            var counts = await Task.WhenAll(request.Areas.Select(a => _tracking.CountOutstandingAsync(a, dueBefore, cancellationToken))).ConfigureAwait(false);
            var merged = counts.SelectMany(c => c)
                .OrderByDescending(c => c.Count)
                .ThenBy(c => c.OldestDue)
                .ThenBy(c => c.Area.Value, StringComparer.Ordinal)
                .ThenBy(c => c.Duty.Value, StringComparer.Ordinal)
                .ToList();
            return new OverdueAnswer(viewer, asOf, ScopeKind.CountsOnly, request.Areas, asked, request.Restricted, [], merged,
                new Dictionary<PersonId, string>(), tree, 0);
        }

        var lists = await Task.WhenAll(request.Areas.Select(a => _tracking.GetOutstandingAsync(a, dueBefore, cancellationToken))).ConfigureAwait(false);
        var items = lists.SelectMany(l => l)
            .DistinctBy(i => i.Key)
            .OrderBy(i => i.EffectiveDue)
            .ThenBy(i => i.Area.Value, StringComparer.Ordinal)
            .ThenBy(i => i.Id.Value, StringComparer.Ordinal)
            .ToList();
        var groups = request.Areas.Count == 1
            ? OverdueSummary.ByAreaAndDuty(items, request.Areas[0])
            : ByScopeArea(items, request.Areas);
        var pages = Math.Max(1, (items.Count + ItemsPerPage - 1) / ItemsPerPage);
        var shownPage = Math.Clamp(page, 0, pages - 1);
        var onPage = items.Skip(shownPage * ItemsPerPage).Take(ItemsPerPage).ToList();
        var pageNames = await NamesAsync(onPage, viewer, cancellationToken).ConfigureAwait(false);
        return new OverdueAnswer(viewer, asOf, ScopeKind.Areas, request.Areas, asked, request.Restricted, items, groups, pageNames, tree, shownPage);
    }

    /// <summary>Counts under each area in scope (a head of service over four localities sees the four).</summary>
    private static List<AreaDutyCount> ByScopeArea(IReadOnlyList<TrackedItem> items, IReadOnlyList<AreaId> areas) =>
        items
            .GroupBy(i => (Area: areas.First(a => i.Area.IsWithin(a)), i.Duty))
            .Select(g => new AreaDutyCount(g.Key.Area, g.Key.Duty, g.Count(), g.Min(i => i.EffectiveDue)))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.OldestDue)
            .ThenBy(c => c.Area.Value, StringComparer.Ordinal)
            .ThenBy(c => c.Duty.Value, StringComparer.Ordinal)
            .ToList();

    private Task<Dictionary<PersonId, string>> NamesAsync(IEnumerable<TrackedItem> items, Person viewer, CancellationToken cancellationToken) =>
        PersonNames.LookupAsync(_directory, items.SelectMany(i => i.Concerns is { } c ? new[] { i.Owner, c } : [i.Owner]), cancellationToken, viewer);
}
