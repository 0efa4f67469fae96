using QaBot.Core.Compliance;
using QaBot.Core.Scheduling;

namespace QaBot.Application.Compliance;

/// <summary>
/// A compliance report from the model: one key-range read of the area's cells for the months asked (and the month
/// before, for the change), summed along the area tree, with members' figures suppressed. The chat answer, the CSV
/// and the workbook all come from here, so they agree.
/// </summary>
public sealed class ComplianceReportQuery
{
    private readonly IComplianceStore _store;
    private readonly ScheduleRules _rules;
    private readonly ReportOptions _options;

    public ComplianceReportQuery(IComplianceStore store, ScheduleRules rules, ReportOptions options)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public async Task<IReadOnlyList<PublishedFigures>> RunAsync(ComplianceReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.To < request.From)
        {
            throw new ArgumentException($"The report runs from {request.From} to {request.To}: the end is before the start.", nameof(request));
        }

        if (ReportMonth.Range(request.From, request.To).Count > ComplianceReportRequest.MaxMonths)
        {
            throw new ArgumentException($"A report covers at most {ComplianceReportRequest.MaxMonths} months.", nameof(request));
        }

        var cells = await _store.GetCellsAsync(request.Area, request.From.Previous(), request.To, cancellationToken).ConfigureAwait(false);
        var lines = ComplianceReport.Lines(cells, request.Area, request.From, request.To, request.Grouping, _rules.OverdueDueBefore(request.AsOf));
        return request.Audience == ReportAudience.Members
            ? PublishedFigures.ForMembers(lines, _options.MinimumBase)
            : lines.Select(PublishedFigures.InFull).ToList();
    }
}
