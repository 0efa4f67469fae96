using QaBot.Application.Compliance;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Composition.Reports;

/// <summary>
/// A compliance report written as CSV (lines by area) or as a workbook (sheets by area, duty and month), from
/// <see cref="ComplianceReportQuery"/>: <c>qabot report compliance</c> and the dashboard's export both write through
/// here, so their numbers are the same.
/// </summary>
public sealed class ComplianceExport
{
    private readonly ComplianceReportQuery _query;
    private readonly FrameworkCatalogue _catalogue;

    public ComplianceExport(ComplianceReportQuery query, FrameworkCatalogue catalogue)
    {
        _query = query ?? throw new ArgumentNullException(nameof(query));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
    }

    /// <summary>The report's title, as the workbook's definitions sheet and the CLI give it.</summary>
    public static string Title(AreaTree tree, AreaId area, ReportMonth from, ReportMonth to, ReportAudience audience, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return $"Compliance for {tree.PathOf(area)}, {from.ToDisplay()} to {to.ToDisplay()}, " +
            $"made {asOf:d MMMM yyyy}{(audience == ReportAudience.Members ? ", for elected members" : string.Empty)}";
    }

    /// <summary>Writes the workbook with sheets By area, By duty, By month and Definitions.</summary>
    public async Task WriteWorkbookAsync(Stream stream, AreaTree tree, ComplianceReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sheets = new Dictionary<string, IReadOnlyList<PublishedFigures>>
        {
            [ComplianceWorkbook.ByArea] = await _query.RunAsync(request with { Grouping = ComplianceGrouping.Area }, cancellationToken).ConfigureAwait(false),
            [ComplianceWorkbook.ByDuty] = await _query.RunAsync(request with { Grouping = ComplianceGrouping.Duty }, cancellationToken).ConfigureAwait(false),
            [ComplianceWorkbook.ByMonth] = await _query.RunAsync(request with { Grouping = ComplianceGrouping.Month }, cancellationToken).ConfigureAwait(false),
        };
        ComplianceWorkbook.Write(stream, new ComplianceReportRows(tree, _catalogue), sheets, Title(tree, request.Area, request.From, request.To, request.Audience, request.AsOf));
    }

    /// <summary>Writes the CSV of the request's grouping; returns how many lines it holds.</summary>
    public async Task<int> WriteCsvAsync(TextWriter writer, AreaTree tree, ComplianceReportRequest request, CancellationToken cancellationToken = default)
    {
        var lines = await _query.RunAsync(request, cancellationToken).ConfigureAwait(false);
        ComplianceCsv.Write(writer, new ComplianceReportRows(tree, _catalogue), lines);
        return lines.Count;
    }
}
