using QaBot.Core.Compliance;
using QaBot.Core.Organisation;

namespace QaBot.Application.Compliance;

/// <summary>
/// The compliance model: per team-level area and month, the counts per duty of the items that fell due (docs/compliance.md).
/// The tracking store keeps it in step as items change; this port reads it, and recounts it from the items to put it right.
/// </summary>
public interface IComplianceStore
{
    /// <summary>The stored cells of <paramref name="area"/> and every area below it (every area when null), for the months <paramref name="first"/> to <paramref name="last"/> (both included).</summary>
    Task<IReadOnlyList<ComplianceCell>> GetCellsAsync(AreaId? area, ReportMonth first, ReportMonth last, CancellationToken cancellationToken = default);

    /// <summary>
    /// The open tallies of <paramref name="area"/> and every area below it (every area when null): one small row per area
    /// that keeps open items, so "what's overdue" counts without reading the items.
    /// </summary>
    Task<IReadOnlyList<OpenTally>> GetOpenAsync(AreaId? area, CancellationToken cancellationToken = default);

    /// <summary>The cells counted afresh from the items that fell due in the months given, for the whole department.</summary>
    Task<IReadOnlyList<ComplianceCell>> RecountAsync(ReportMonth first, ReportMonth last, CancellationToken cancellationToken = default);

    /// <summary>The open tallies counted afresh from every outstanding item of the department.</summary>
    Task<IReadOnlyList<OpenTally>> RecountOpenAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the open tallies given in place of the stored ones; an empty tally removes the stored one.</summary>
    Task ReplaceOpenAsync(IReadOnlyCollection<OpenTally> tallies, CancellationToken cancellationToken = default);

    /// <summary>Writes the cells given in place of the stored ones; an empty cell removes the stored one.</summary>
    Task ReplaceAsync(IReadOnlyCollection<ComplianceCell> cells, CancellationToken cancellationToken = default);

    /// <summary>
    /// The last sealed month, or null when none is: the months up to it have lost items to retention, so their stored
    /// figures are the record and a recount would wrongly lower them. Rebuilds and the daily check leave them alone.
    /// </summary>
    Task<ReportMonth?> GetSealedThroughAsync(CancellationToken cancellationToken = default);

    /// <summary>Seals every month up to <paramref name="month"/>; a seal never moves back, so an earlier month changes nothing.</summary>
    Task SealThroughAsync(ReportMonth month, CancellationToken cancellationToken = default);
}
