namespace QaBot.Core.Organisation.Import;

/// <summary>An area to create, change or retire; <see cref="Version"/> is the stored version it replaces (null to create).</summary>
public sealed record AreaChange(ChangeKind Kind, Area After, string? Version);
