namespace QaBot.Application.Conversations;

/// <summary>One HTTP attempt at a send, kept so that a send ledger can show what happened.</summary>
/// <param name="StartedAt">When the attempt started (UTC).</param>
/// <param name="StatusCode">The HTTP status, or null when no response came (network failure, timeout).</param>
/// <param name="CorrelationId">The channel's <c>X-Correlating-OperationId</c> response header, for support cases.</param>
/// <param name="RetryAfter">The wait the channel asked for (<c>Retry-After</c>), if any.</param>
public sealed record SendAttempt(DateTimeOffset StartedAt, int? StatusCode, string? CorrelationId, TimeSpan? RetryAfter);
