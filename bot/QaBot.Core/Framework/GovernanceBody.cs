namespace QaBot.Core.Framework;

/// <summary>A board, group or meeting in Appendix A. <see cref="Chair"/> and <see cref="Rhythm"/> are null where the framework does not state them.</summary>
public sealed record GovernanceBody(
    BodyId Id,
    string Name,
    string Level,
    string Group,
    RoleId? Chair,
    Rhythm? Rhythm,
    SourceRow SourceRow);
