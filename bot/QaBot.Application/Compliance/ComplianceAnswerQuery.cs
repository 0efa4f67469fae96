using QaBot.Core.Compliance;
using QaBot.Core.Framework;
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

    public Task<ComplianceAnswer> RunAsync(Person viewer, AreaTree tree, DateOnly asOf, CancellationToken cancellationToken = default) =>
        RunAsync(viewer, tree, asOf, ComplianceQuestion.LastMonth, cancellationToken);

    /// <summary>
    /// The answer to a question naming an area, duties or a period. The area asked about is narrowed to the viewer's
    /// scope exactly as "what's overdue" narrows it, and the answer says when it covers less than was asked.
    /// </summary>
    public async Task<ComplianceAnswer> RunAsync(Person viewer, AreaTree tree, DateOnly asOf, ComplianceQuestion question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(question);
        var (from, to) = question.Months(asOf);
        var scope = ScopeRules.For(viewer, _policy, tree, asOf);
        if (scope.Kind == ScopeKind.OwnItems || scope.Areas.Count == 0)
        {
            return new ComplianceAnswer(viewer, asOf, scope.Kind, [], to, null, [], tree) { From = from, DutyLabel = question.DutyLabel };
        }

        var request = scope.Narrow(question.Area);
        var reads = await Task.WhenAll(request.Areas.Select(a => _store.GetCellsAsync(a, from.Previous(), to, cancellationToken))).ConfigureAwait(false);
        var cells = reads.SelectMany(r => r).DistinctBy(c => (c.Area, c.Month)).Select(c => OnlyDuties(c, question.Duties)).ToList();
        var root = CommonAncestor(request.Areas);
        var dueBefore = _rules.OverdueDueBefore(asOf);
        var byMonth = ComplianceReport.Lines(cells, root, from.Previous(), to, ComplianceGrouping.Month, dueBefore);
        var months = byMonth.Where(l => l.Month >= from).ToList();
        var total = from == to ? months.SingleOrDefault() : months.Count == 0 ? null : ComplianceFigures.Combine(root, null, months);
        var byDuty = ComplianceReport.Lines(cells, root, from, to, ComplianceGrouping.Duty, dueBefore)
            .GroupBy(l => l.Duty)
            .Select(g => from == to ? g.Single() : ComplianceFigures.Combine(root, g.Key, g.ToList()))
            .ToList();
        // The total and its months (or duties) are published together, so no hidden figure can be worked out from the
        // others; the month before the period, there only for the first month's change, is published on its own.
        var offset = total is null ? 0 : 1;
        var shown = Publish([.. total is null ? [] : new[] { total }, .. months, .. byDuty], scope);
        return new ComplianceAnswer(viewer, asOf, scope.Kind, request.Areas, to, total is null ? null : shown[0], shown.Skip(offset + months.Count).ToList(), tree)
        {
            From = from,
            DutyLabel = question.DutyLabel,
            Restricted = request.Restricted,
            ByMonth = [.. byMonth.Where(l => l.Month < from).Select(l => Publish(l, scope)), .. shown.Skip(offset).Take(months.Count)],
        };
    }

    /// <summary>The cell with only the duties asked about (all of them when none were named).</summary>
    private static ComplianceCell OnlyDuties(ComplianceCell cell, IReadOnlySet<DutyId>? duties)
    {
        if (duties is null)
        {
            return cell;
        }

        var only = new ComplianceCell(cell.Area, cell.Month);
        foreach (var (duty, tally) in cell.Duties.Where(d => duties.Contains(d.Key)))
        {
            only.Duties[duty] = tally;
        }

        return only;
    }

    private PublishedFigures Publish(ComplianceFigures figures, Scope scope) =>
        scope.NamesVisible ? PublishedFigures.InFull(figures) : PublishedFigures.ForMembers(figures, _options.MinimumBase);

    /// <summary>Lines shown together: for members, suppressed across the lines as well as within each.</summary>
    private IReadOnlyList<PublishedFigures> Publish(IReadOnlyList<ComplianceFigures> lines, Scope scope) =>
        scope.NamesVisible ? lines.Select(PublishedFigures.InFull).ToList() : PublishedFigures.ForMembers(lines, _options.MinimumBase);

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
