namespace QaBot.Core.Organisation;

/// <summary>One part of the department. A retired area is kept so that history recorded against it still reads.</summary>
public sealed record Area(AreaId Id, string Name, AreaKind Kind, bool Retired = false)
{
    public AreaId? Parent => Id.Parent;
}
