using QaBot.Core.Framework;

namespace QaBot.Core.Organisation;

/// <summary>A role a person holds from <see cref="Start"/>; <see cref="End"/> is set when they stop holding it (kept as history).</summary>
public sealed record RoleAssignment(RoleId Role, DateOnly Start, DateOnly? End = null)
{
    public bool IsCurrent => End is null;

    public bool HeldOn(DateOnly date) => Start <= date && (End is null || date < End);
}
