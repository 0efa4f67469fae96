namespace QaBot.Infrastructure.Reminders;

/// <summary>A message taken from the digest queue: its text, and what the queue needs to delete, hide or move it.</summary>
/// <param name="DequeueCount">How many times the queue has handed it out, this time included.</param>
public sealed record QueuedDigest(string MessageId, string PopReceipt, string Text, long DequeueCount, DateTimeOffset? InsertedOn);
