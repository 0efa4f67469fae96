using QaBot.Core.Compliance;
using QaBot.Core.Organisation;

namespace QaBot.Application.Compliance;

/// <summary>A compliance report asked for: the area (with everything below it), the months, the breakdown and the audience.</summary>
public sealed record ComplianceReportRequest(AreaId Area, ReportMonth From, ReportMonth To, ComplianceGrouping Grouping, ReportAudience Audience, DateOnly AsOf)
{
    /// <summary>The longest report: ten years of months.</summary>
    public const int MaxMonths = 120;
}
