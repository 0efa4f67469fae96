namespace QaBot.Core.Framework;

/// <summary>A role in the framework's responsibilities table, with its duties in the order the framework lists them.</summary>
public sealed record Role(RoleId Id, string Name, IReadOnlyList<Duty> Duties);
