namespace QaBot.Core.Framework;

/// <summary>
/// A board, group or meeting in Appendix A. <see cref="Chair"/> and <see cref="Rhythm"/> are null where the framework
/// does not state them: the council sets those in configuration, nothing is assumed.
/// </summary>
/// <param name="Level">The id of the appendix level (e.g. <c>strategic-assurance</c>).</param>
/// <param name="Group">The id of the appendix group (e.g. <c>top-level-boards</c>).</param>
public sealed record GovernanceBody(
    BodyId Id,
    string Name,
    string Level,
    string Group,
    RoleId? Chair,
    Rhythm? Rhythm,
    SourceRow SourceRow)
{
    /// <summary>The frequency in the framework's words, where it states one.</summary>
    public string? Frequency { get; init; }

    /// <summary>How an ambiguous frequency was read; null when the words are plain or no frequency is stated.</summary>
    public string? Interpretation { get; init; }

    /// <summary>Where the framework states the chair or rhythm, or anything else a reader should know.</summary>
    public string? Note { get; init; }
}
