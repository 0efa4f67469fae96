namespace QaBot.Core.Reminders;

/// <summary>A message in the poison queue, for operators: what it was for (when it can be read) and when it was queued.</summary>
public sealed record PoisonMessage(string MessageId, string? RunId, string? Person, DateTimeOffset? InsertedOn, string? Problem);
