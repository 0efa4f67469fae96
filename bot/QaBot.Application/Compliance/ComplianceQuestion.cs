using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Application.Compliance;

/// <summary>The months a compliance question in chat is about.</summary>
public enum CompliancePeriod
{
    /// <summary>The month just ended (the default).</summary>
    LastMonth,

    /// <summary>The last complete calendar quarter (January to March, April to June, ...), which is also a financial quarter.</summary>
    LastQuarter,
}

/// <summary>
/// What someone asked about in chat: an area (narrowed to what they may see, as "what's overdue" is), the duties
/// matching what they named, and the period. Nothing named means their whole scope, every duty, last month.
/// </summary>
/// <param name="Duties">The duties matching the words asked about, or null for every duty.</param>
/// <param name="DutyLabel">The words the duties were asked about by, for the answer's title.</param>
public sealed record ComplianceQuestion(AreaId? Area, IReadOnlySet<DutyId>? Duties, string? DutyLabel, CompliancePeriod Period)
{
    public static ComplianceQuestion LastMonth { get; } = new(null, null, null, CompliancePeriod.LastMonth);

    /// <summary>The first and last month the question covers, as of <paramref name="asOf"/>.</summary>
    public (ReportMonth From, ReportMonth To) Months(DateOnly asOf)
    {
        var month = ReportMonth.Of(asOf);
        if (Period == CompliancePeriod.LastMonth)
        {
            return (month.Previous(), month.Previous());
        }

        var to = new ReportMonth(month.Year, ((month.Month - 1) / 3 * 3) + 1).Previous();
        return (to.Previous().Previous(), to);
    }
}
