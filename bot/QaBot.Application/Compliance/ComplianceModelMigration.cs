using System.Globalization;
using QaBot.Application.Storage;
using QaBot.Core.Compliance;

namespace QaBot.Application.Compliance;

/// <summary>
/// Storage version 2: an installation that kept items before the compliance model existed has no counts, so its
/// reports, dashboard and "what's overdue" counts would start empty. When the model holds nothing at all, this counts it
/// from the items (every month and every area's open tally). When it holds anything, it is left alone:
/// <c>qabot compliance rebuild</c> checks and corrects counts month by month.
/// </summary>
public sealed class ComplianceModelMigration : IStorageMigration
{
    private static readonly ReportMonth Earliest = new(2000, 1);
    private static readonly ReportMonth Latest = new(2099, 12);

    private readonly IComplianceStore _store;
    private readonly RebuildCompliance _rebuild;

    public ComplianceModelMigration(IComplianceStore store, RebuildCompliance rebuild)
    {
        _store = store;
        _rebuild = rebuild;
    }

    public int Version => 2;

    public string Title => "The compliance model counted from the items kept before it existed";

    public async Task<MigrationStep> ApplyAsync(bool dryRun, CancellationToken cancellationToken = default)
    {
        var open = await _store.GetOpenAsync(null, cancellationToken).ConfigureAwait(false);
        var cells = open.Count > 0 ? [] : await _store.GetCellsAsync(null, Earliest, Latest, cancellationToken).ConfigureAwait(false);
        if (open.Count > 0 || cells.Count > 0)
        {
            return new MigrationStep(Version, Title, 0, "The compliance model already has counts: nothing to do (qabot compliance rebuild checks them).");
        }

        var result = await _rebuild.RunAsync(Earliest, Latest, dryRun, cancellationToken).ConfigureAwait(false);
        var areas = result.OpenDifferences.Select(d => d.Area).Distinct().Count();
        var (cellsWritten, talliesWritten) = dryRun ? (result.CellsCounted, areas) : (result.CellsCorrected, result.OpenTalliesCorrected);
        var summary = cellsWritten + talliesWritten == 0
            ? "No items to count."
            : string.Create(CultureInfo.InvariantCulture, $"{(dryRun ? "Would write" : "Wrote")} {cellsWritten:N0} month counts (area by month) and the open tallies of {talliesWritten:N0} areas.");
        return new MigrationStep(Version, Title, cellsWritten + talliesWritten, summary);
    }
}
