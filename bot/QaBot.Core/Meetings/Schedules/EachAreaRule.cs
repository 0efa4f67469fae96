using QaBot.Core.Organisation;

namespace QaBot.Core.Meetings.Schedules;

/// <summary>
/// One meeting (or series) for every current area of <see cref="Kind"/> within <see cref="WithinPath"/>, e.g. each
/// locality; or, when <see cref="TogetherByChair"/>, one for each chair, covering together all the areas that chair leads.
/// </summary>
public sealed record EachAreaRule(string WithinPath, AreaKind Kind, int Line, string Path)
{
    /// <summary>Areas led by the same chair meet together (<c>together: chair</c>), so a chair of four localities holds one meeting, not four at once.</summary>
    public bool TogetherByChair { get; init; }
}
