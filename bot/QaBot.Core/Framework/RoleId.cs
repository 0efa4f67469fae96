namespace QaBot.Core.Framework;

/// <summary>A role's stable id in the framework catalogue: a short lowercase slug such as <c>team-manager</c>.</summary>
public readonly record struct RoleId(string Value)
{
    public override string ToString() => Value;
}
