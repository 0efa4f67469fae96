namespace QaBot.Application.Reminders;

/// <summary>A digest given up after its last attempt, as operators see it: ids only, and what was wrong with it when it could not be read.</summary>
public sealed record GivenUpDigest(string MessageId, string? RunId, string? Person, DateTimeOffset? InsertedOn, string? Problem);
