using QaBot.Core.Compliance;
using QaBot.Core.Organisation;

namespace QaBot.Application.Compliance;

/// <summary>
/// The answer to "how are we doing": for the areas the viewer may see, last month's on-time figures as a whole and by
/// duty, with the change from the month before. Members' figures are suppressed; someone who leads no area gets none.
/// </summary>
/// <param name="Total">Every duty together; null when the viewer may see no area.</param>
/// <param name="ByDuty">One line per duty that fell due in the month.</param>
public sealed record ComplianceAnswer(
    Person Viewer,
    DateOnly AsOf,
    ScopeKind Kind,
    IReadOnlyList<AreaId> Areas,
    ReportMonth Month,
    PublishedFigures? Total,
    IReadOnlyList<PublishedFigures> ByDuty,
    AreaTree Tree)
{
    /// <summary>The first month covered; the same as <see cref="Month"/> (the last) for a one-month answer.</summary>
    public ReportMonth From { get; init; } = Month;

    /// <summary>The words the duties were asked about by, when the question named some.</summary>
    public string? DutyLabel { get; init; }

    /// <summary>True when the answer covers less than the area asked about: only the part the viewer may see.</summary>
    public bool Restricted { get; init; }

    /// <summary>Every duty asked about together, one line per month from the month before <see cref="From"/>: the chart.</summary>
    public IReadOnlyList<PublishedFigures> ByMonth { get; init; } = [];
}
