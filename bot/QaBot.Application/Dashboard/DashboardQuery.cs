using QaBot.Application.Compliance;
using QaBot.Application.Organisation;
using QaBot.Application.Tracking;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Dashboard;

/// <summary>
/// Works out the dashboard for a viewer: the scope from the directory by the same rules as "what's overdue" and "how
/// are we doing" (<see cref="ScopeRules"/>, <see cref="Scope.Narrow"/>), one key-range read of the compliance model's
/// cells per area in scope for the last twelve months, the open tallies for what is overdue now, and the same report
/// lines and suppression as <c>qabot report</c>. Elected members get counts and rates with small numbers suppressed
/// and no names.
/// </summary>
public sealed class DashboardQuery
{
    /// <summary>The months the trend covers, this one included.</summary>
    public const int TrendMonths = 12;

    private readonly IComplianceStore _compliance;
    private readonly IDirectoryStore _directory;
    private readonly ITrackingStore _tracking;
    private readonly ScheduleRules _rules;
    private readonly OrganisationPolicy _policy;
    private readonly FrameworkCatalogue _catalogue;
    private readonly ReportOptions _options;

    public DashboardQuery(IComplianceStore compliance, IDirectoryStore directory, ITrackingStore tracking, ScheduleRules rules, OrganisationPolicy policy, FrameworkCatalogue catalogue, ReportOptions options)
    {
        _compliance = compliance ?? throw new ArgumentNullException(nameof(compliance));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public async Task<DashboardView> RunAsync(Person viewer, AreaTree tree, DateOnly asOf, DashboardRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(request);
        var (from, to) = request.Months(asOf);
        var scope = ScopeRules.For(viewer, _policy, tree, asOf);
        var narrowed = scope.Narrow(request.Area);
        if (narrowed.OwnItemsOnly || narrowed.Areas.Count == 0)
        {
            return new DashboardView(asOf, ScopeKind.OwnItems, null, narrowed.Restricted, from, to, null, [], [], [], [], [], []);
        }

        var shown = narrowed.Areas.Count == 1 ? narrowed.Areas[0] : CommonAncestor(narrowed.Areas);
        var trendFrom = ReportMonth.Of(ReportMonth.Of(asOf).FirstDay.AddMonths(1 - TrendMonths));
        var first = trendFrom < from ? trendFrom : from;
        var dueBefore = _rules.OverdueDueBefore(asOf);
        var showsPeople = scope.NamesVisible && narrowed.Areas.Count == 1 && viewer.Areas.Contains(shown);

        // The cells, the open tallies and a manager's people are read side by side: none needs another.
        var tallyReads = Task.WhenAll(narrowed.Areas.Select(a => _compliance.GetOpenAsync(a, cancellationToken)));
        var peopleRead = showsPeople
            ? PeopleAsync(viewer, dueBefore, request.Family, cancellationToken)
            : Task.FromResult<IReadOnlyList<DashboardPerson>>([]);
        var cellReads = Task.WhenAll(narrowed.Areas.Select(a => _compliance.GetCellsAsync(a, first.Previous(), to, cancellationToken)));
        await Task.WhenAll(cellReads, tallyReads, peopleRead).ConfigureAwait(false);
        var reads = await cellReads.ConfigureAwait(false);
        var cells = reads.SelectMany(r => r)
            .DistinctBy(c => (c.Area, c.Month))
            .Where(c => narrowed.Areas.Any(c.Area.IsWithin))
            .Select(c => OnlyFamily(c, request.Family))
            .ToList();

        var dutyFigures = ComplianceReport.Lines(cells, shown, from, to, ComplianceGrouping.Duty, dueBefore)
            .GroupBy(l => l.Duty)
            .Select(g => from == to ? g.Single() : ComplianceFigures.Combine(shown, g.Key, g.ToList()))
            .ToList();
        var totalFigures = Figures(cells, shown, from, to, dueBefore);
        var childAreas = narrowed.Areas.Count == 1
            ? tree.Children(shown).Where(a => !a.Retired).ToList()
            : narrowed.Areas.Select(tree.Find).OfType<Area>().ToList();
        var childFigures = childAreas.Select(child => Figures(cells, child.Id, from, to, dueBefore)).ToList();

        // The total, the duties and the areas below are each other's sums: for members they are suppressed together.
        var totalCount = totalFigures is null ? 0 : 1;
        var lines = Publish([.. totalFigures is null ? [] : new[] { totalFigures }, .. dutyFigures, .. childFigures.OfType<ComplianceFigures>()], scope);
        var total = totalFigures is null ? null : lines[0];
        var byDuty = lines.Skip(totalCount).Take(dutyFigures.Count).ToList();
        var childPublished = lines.Skip(totalCount + dutyFigures.Count).ToList();

        var families = ComplianceReport.Lines(cells, shown, trendFrom, ReportMonth.Of(asOf), ComplianceGrouping.Duty, dueBefore)
            .GroupBy(l => (Family: DutyFamilies.Of(l.Duty!.Value, _catalogue), Month: l.Month!.Value))
            .OrderBy(g => g.Key.Family)
            .ThenBy(g => g.Key.Month)
            .ToList();
        var trendFigures = Publish(families.Select(g => WithoutChange(ComplianceFigures.Combine(shown, null, g.ToList()) with { Month = g.Key.Month })).ToList(), scope);
        var trend = families.Select((g, i) => new DashboardTrendLine(g.Key.Family, g.Key.Month, trendFigures[i])).ToList();

        var tallies = await tallyReads.ConfigureAwait(false);
        var open = tallies.SelectMany(t => t)
            .DistinctBy(t => t.Area)
            .Where(t => narrowed.Areas.Any(t.Area.IsWithin))
            .SelectMany(t => t.DueBefore(dueBefore))
            .Where(c => request.Family is not { } family || DutyFamilies.Of(c.Duty, _catalogue) == family)
            .ToList();
        var overdueCounts = OverdueSummary.ByAreaAndDuty(open, shown);
        var overdueHidden = scope.NamesVisible
            ? overdueCounts.Select(_ => false).ToList()
            : SmallCounts.Hidden(overdueCounts, c => c.Count, _ => 0, c => c.Area, c => c.Duty);
        var overdue = overdueCounts.Select((c, i) => new DashboardOverdue(c.Area, c.Duty, c.Count, overdueHidden[i], c.OldestDue)).ToList();

        var reasons = (total?.Figures.NotApplicableByReason ?? new Dictionary<string, int>())
            .OrderByDescending(r => r.Value)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        var reasonsHidden = scope.NamesVisible
            ? reasons.Select(_ => false).ToList()
            : SmallCounts.PartsOf(total?.IsHidden(FigureColumn.NotApplicable) ?? false, reasons.Select(r => r.Value).ToList());
        var notApplicable = reasons.Select((r, i) => new DashboardCount(r.Key, r.Value, reasonsHidden[i])).ToList();

        var childCounts = childAreas.Select(child => open.Where(c => c.Area.IsWithin(child.Id)).Sum(c => c.Count)).ToList();
        var childHidden = Hidden(childCounts, scope);
        var published = 0;
        var children = childAreas
            .Select((child, i) => new DashboardChild(child, childFigures[i] is null ? null : childPublished[published++], childCounts[i], childHidden[i]))
            .ToList();

        var people = await peopleRead.ConfigureAwait(false);

        return new DashboardView(asOf, scope.Kind, shown, narrowed.Restricted, from, to, total, byDuty, trend, overdue, notApplicable, children, people);

        static ComplianceFigures? Figures(IReadOnlyList<ComplianceCell> all, AreaId area, ReportMonth start, ReportMonth end, DateOnly cutOff)
        {
            var months = ComplianceReport.Lines(all, area, start, end, ComplianceGrouping.Month, cutOff);
            return months.Count switch
            {
                0 => null,
                1 when start == end => months[0],
                _ => ComplianceFigures.Combine(area, null, months),
            };
        }
    }

    /// <summary>
    /// What the viewer may export: the one area of their scope the export covers (the area asked for, narrowed as the
    /// dashboard narrows it) and the audience (elected members' exports are suppressed). None when they see only their
    /// own items, or when their scope is several areas and none was chosen.
    /// </summary>
    public DashboardExportScope ExportScope(Person viewer, AreaTree tree, DateOnly asOf, AreaId? area)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(tree);
        var scope = ScopeRules.For(viewer, _policy, tree, asOf);
        var narrowed = scope.Narrow(area);
        var audience = scope.NamesVisible ? ReportAudience.Officers : ReportAudience.Members;
        return narrowed.OwnItemsOnly || narrowed.Areas.Count != 1
            ? new DashboardExportScope(null, audience, narrowed.Areas)
            : new DashboardExportScope(narrowed.Areas[0], audience, narrowed.Areas);
    }

    /// <summary>The people the viewer manages, each with their overdue items now: read per person, as their digest is.</summary>
    private async Task<IReadOnlyList<DashboardPerson>> PeopleAsync(Person manager, DateOnly dueBefore, DutyFamily? family, CancellationToken cancellationToken)
    {
        var reports = await _directory.GetReportsAsync(manager.Id, cancellationToken).ConfigureAwait(false);
        var people = await Task.WhenAll(reports.Select(async person =>
        {
            var items = (await _tracking.GetOpenItemsAsync(person, cancellationToken).ConfigureAwait(false))
                .Where(i => i.Owner == person.Id && i.EffectiveDue < dueBefore)
                .Where(i => family is not { } f || DutyFamilies.Of(i.Duty, _catalogue) == f)
                .ToList();
            return new DashboardPerson(person.Id, person.DisplayName, items.Count, items.Count == 0 ? null : items.Min(i => i.EffectiveDue));
        })).ConfigureAwait(false);
        return people.OrderByDescending(p => p.Overdue).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    private PublishedFigures Publish(ComplianceFigures figures, Scope scope) =>
        scope.NamesVisible ? PublishedFigures.InFull(figures) : PublishedFigures.ForMembers(figures, _options.MinimumBase);

    /// <summary>Lines shown together: for members, suppressed across the lines as well as within each.</summary>
    private IReadOnlyList<PublishedFigures> Publish(IReadOnlyList<ComplianceFigures> lines, Scope scope) =>
        scope.NamesVisible ? lines.Select(PublishedFigures.InFull).ToList() : PublishedFigures.ForMembers(lines, _options.MinimumBase);

    /// <summary>Which of counts shown beside their total members may not see (none for officers).</summary>
    private static IReadOnlyList<bool> Hidden(IReadOnlyList<int> counts, Scope scope) =>
        scope.NamesVisible ? counts.Select(_ => false).ToList() : SmallCounts.Hidden(counts);

    // A family's month is the sum of several duties' lines: their changes do not add up, so none is given.
    private static ComplianceFigures WithoutChange(ComplianceFigures figures) => figures with { ChangePoints = null, PreviousRateBase = null };

    /// <summary>The cell with only the duties of the family asked about (all of them when none was).</summary>
    private ComplianceCell OnlyFamily(ComplianceCell cell, DutyFamily? family)
    {
        if (family is not { } wanted)
        {
            return cell;
        }

        var only = new ComplianceCell(cell.Area, cell.Month);
        foreach (var (duty, tally) in cell.Duties.Where(d => DutyFamilies.Of(d.Key, _catalogue) == wanted))
        {
            only.Duties[duty] = tally;
        }

        return only;
    }

    /// <summary>The deepest area holding every area given.</summary>
    private static AreaId CommonAncestor(IReadOnlyList<AreaId> areas)
    {
        var common = areas[0];
        while (!areas.All(a => a.IsWithin(common)) && common.Parent is { } parent)
        {
            common = parent;
        }

        return common;
    }
}
