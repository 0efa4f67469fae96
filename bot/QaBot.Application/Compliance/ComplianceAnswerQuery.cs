using QaBot.Core.Compliance;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Application.Compliance;

/// <summary>
/// Works out "how are we doing" for a viewer: the scope from the directory (the same rules as "what's overdue"), one
/// key-range read of the model's cells per area in scope for last month and the month before, and the figures of
/// the same report lines the CLI and the workbook use.
/// </summary>
public sealed class ComplianceAnswerQuery
{
    private readonly IComplianceStore _store;
    private readonly ScheduleRules _rules;
    private readonly OrganisationPolicy _policy;
    private readonly ReportOptions _options;

    public ComplianceAnswerQuery(IComplianceStore store, ScheduleRules rules, OrganisationPolicy policy, ReportOptions options)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public async Task<ComplianceAnswer> RunAsync(Person viewer, AreaTree tree, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(tree);
        var month = ReportMonth.Of(asOf).Previous();
        var scope = ScopeRules.For(viewer, _policy, tree, asOf);
        if (scope.Kind == ScopeKind.OwnItems || scope.Areas.Count == 0)
        {
            return new ComplianceAnswer(viewer, asOf, scope.Kind, [], month, null, [], tree);
        }

        var reads = await Task.WhenAll(scope.Areas.Select(a => _store.GetCellsAsync(a, month.Previous(), month, cancellationToken))).ConfigureAwait(false);
        var cells = reads.SelectMany(r => r).DistinctBy(c => (c.Area, c.Month)).ToList();
        var root = CommonAncestor(scope.Areas);
        var dueBefore = _rules.OverdueDueBefore(asOf);
        var total = ComplianceReport.Lines(cells, root, month, month, ComplianceGrouping.Month, dueBefore).SingleOrDefault();
        var byDuty = ComplianceReport.Lines(cells, root, month, month, ComplianceGrouping.Duty, dueBefore);
        return new ComplianceAnswer(viewer, asOf, scope.Kind, scope.Areas, month, total is null ? null : Publish(total, scope), byDuty.Select(l => Publish(l, scope)).ToList(), tree);
    }

    private PublishedFigures Publish(ComplianceFigures figures, Scope scope) =>
        scope.NamesVisible ? PublishedFigures.InFull(figures) : PublishedFigures.ForMembers(figures, _options.MinimumBase);

    /// <summary>The deepest area holding every area given (the cells read are only those in scope, so nothing else is summed).</summary>
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
