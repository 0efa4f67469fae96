using QaBot.Core.Compliance;
using QaBot.Core.Organisation;

namespace QaBot.Application.Reports;

/// <summary>
/// One channel's monthly performance report: the month just ended for the channel's area, every figure published for
/// the channel's audience (members' figures suppressed). Counts and rates only: the model holds no names.
/// </summary>
/// <param name="Total">Every duty together for the whole area; null when nothing fell due.</param>
/// <param name="ByArea">The areas one level below, every duty together.</param>
/// <param name="ByDuty">The whole area, one line per duty.</param>
/// <param name="Weakest">The area and duty lines with the lowest on-time rates, resting on enough items to count.</param>
public sealed record MonthlyReport(
    ReportChannelOptions Channel,
    Area Area,
    ReportMonth Month,
    DateOnly AsOf,
    PublishedFigures? Total,
    IReadOnlyList<PublishedFigures> ByArea,
    IReadOnlyList<PublishedFigures> ByDuty,
    IReadOnlyList<PublishedFigures> Weakest,
    AreaTree Tree)
{
    /// <summary>How many of the weakest lines the report lists.</summary>
    public const int WeakestCount = 5;
}
