using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Application.Compliance;

/// <summary>
/// What a rebuild found: the cells counted, every difference, and how many cells it corrected; and the same for the
/// areas' open tallies, which hold open items of every month and so are always recounted whole.
/// </summary>
public sealed record ComplianceRebuildResult(
    ReportMonth From,
    ReportMonth To,
    int CellsCounted,
    IReadOnlyList<ComplianceDifference> Differences,
    int CellsCorrected,
    IReadOnlyList<OpenDifference> OpenDifferences,
    int OpenTalliesCorrected)
{
    public int DifferenceCount => Differences.Count + OpenDifferences.Count;

    /// <summary>
    /// The last sealed month when some of the months asked were sealed and so not recounted (their items are partly
    /// gone under retention; the stored figures stand); null when every month asked was counted.
    /// </summary>
    public ReportMonth? SealedThrough { get; init; }
}

/// <summary>One duty in one area's open tally where the stored model and a recount of the open items disagreed.</summary>
public sealed record OpenDifference(AreaId Area, DutyId Duty, int StoredOpen, int CountedOpen);
