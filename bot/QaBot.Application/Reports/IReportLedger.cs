using QaBot.Application.Storage;
using QaBot.Core;
using QaBot.Core.Compliance;

namespace QaBot.Application.Reports;

/// <summary>
/// The monthly report's ledger: one versioned entry per channel and month, claimed before the report is posted, so a
/// rerun, a second timer or a crash never posts a channel's report twice.
/// </summary>
public interface IReportLedger
{
    Task<Versioned<ReportDelivery>?> GetAsync(string channel, ReportMonth month, CancellationToken cancellationToken = default);

    /// <summary>Creates the entry; a conflict when it already exists (another run claimed it first).</summary>
    Task<WriteResult> CreateAsync(ReportDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>Updates the entry only if it is still at <paramref name="expectedVersion"/>.</summary>
    Task<WriteResult> SaveAsync(ReportDelivery delivery, string expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Every channel's entry for the month, for the operators' view.</summary>
    Task<IReadOnlyList<ReportDelivery>> ListMonthAsync(ReportMonth month, CancellationToken cancellationToken = default);
}
