using QaBot.Core.Compliance;

namespace QaBot.Application.Compliance;

/// <summary>What a rebuild found: the cells counted, every difference, and how many cells it corrected.</summary>
public sealed record ComplianceRebuildResult(ReportMonth From, ReportMonth To, int CellsCounted, IReadOnlyList<ComplianceDifference> Differences, int CellsCorrected);
