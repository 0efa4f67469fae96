using QaBot.Application.Compliance;
using QaBot.Core.Compliance;
using QaBot.Core.Organisation;

namespace QaBot.Testing.InMemory;

/// <summary>
/// <see cref="IComplianceStore"/> over an <see cref="InMemoryTrackingStore"/>, which keeps the model in step with its
/// items under its own lock, as the table store does with a conditional write per cell.
/// </summary>
public sealed class InMemoryComplianceStore(InMemoryTrackingStore tracking) : IComplianceStore
{
    public Task<IReadOnlyList<ComplianceCell>> GetCellsAsync(AreaId? area, ReportMonth first, ReportMonth last, CancellationToken cancellationToken = default) =>
        Task.FromResult(tracking.Cells(area, first, last));

    public Task<IReadOnlyList<OpenTally>> GetOpenAsync(AreaId? area, CancellationToken cancellationToken = default) =>
        Task.FromResult(tracking.OpenTallies(area));

    public Task<IReadOnlyList<ComplianceCell>> RecountAsync(ReportMonth first, ReportMonth last, CancellationToken cancellationToken = default) =>
        Task.FromResult(tracking.Recount(first, last));

    public Task<IReadOnlyList<OpenTally>> RecountOpenAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(tracking.RecountOpen());

    public Task ReplaceOpenAsync(IReadOnlyCollection<OpenTally> tallies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        tracking.ReplaceOpen(tallies);
        return Task.CompletedTask;
    }

    public Task ReplaceAsync(IReadOnlyCollection<ComplianceCell> cells, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        tracking.ReplaceCells(cells);
        return Task.CompletedTask;
    }

    public Task<ReportMonth?> GetSealedThroughAsync(CancellationToken cancellationToken = default) => Task.FromResult(tracking.SealedThrough);

    public Task SealThroughAsync(ReportMonth month, CancellationToken cancellationToken = default)
    {
        tracking.SealThrough(month);
        return Task.CompletedTask;
    }
}
