namespace QaBot.Core.Delivery;

/// <summary>One try at sending a digest: when, the status code the connector answered (null when no answer came), any Retry-After and a short error code.</summary>
public sealed record SendAttempt(int Number, DateTimeOffset At, int? StatusCode, TimeSpan? RetryAfter, string? Error);
