using QaBot.Core.Compliance;

namespace QaBot.Application.Reports;

/// <summary>What one monthly report run did: nothing when it is not the time, otherwise where each channel's report stands.</summary>
/// <param name="Month">The month reported on; null when no report was due.</param>
/// <param name="Posted">Channels posted to by this run.</param>
/// <param name="Deliveries">Every configured channel's ledger entry after the run.</param>
public sealed record MonthlyReportResult(ReportMonth? Month, int Posted, IReadOnlyList<ReportDelivery> Deliveries)
{
    public static MonthlyReportResult NotDue { get; } = new(null, 0, []);
}
