namespace QaBot.Core.Framework;

/// <summary>A duty's stable id in the framework catalogue, unique across all roles.</summary>
public readonly record struct DutyId(string Value)
{
    public override string ToString() => Value;
}
