namespace QaBot.Core;

/// <summary>A stored value with its version (an opaque ETag): pass the version back to update it only if nobody else has.</summary>
public sealed record Versioned<T>(T Value, string Version);
