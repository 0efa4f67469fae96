namespace QaBot.Core.Organisation.Import;

/// <summary>One area as the areas file gives it: its path and kind, as written.</summary>
public sealed record AreaRow(int Line, string Path, string Kind);
