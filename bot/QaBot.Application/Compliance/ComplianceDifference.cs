using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Application.Compliance;

/// <summary>One duty in one cell where the stored model and a recount from the items disagreed.</summary>
/// <param name="Stored">The stored figures (all zero when the model had nothing).</param>
/// <param name="Counted">The figures counted from the items (all zero when there are none).</param>
public sealed record ComplianceDifference(AreaId Area, ReportMonth Month, DutyId Duty, ComplianceFigures Stored, ComplianceFigures Counted);
