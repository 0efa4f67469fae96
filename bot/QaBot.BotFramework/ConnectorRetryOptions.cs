using System.ComponentModel.DataAnnotations;

namespace QaBot.BotFramework;

/// <summary>
/// How the connector client retries (<c>Bot:Retry</c>): 429 for every call, 412, 502, 503, 504, network failures and
/// timeouts for idempotent calls only. The reminder sender's client never retries.
/// </summary>
public sealed class ConnectorRetryOptions
{
    /// <summary>Attempts per call, the first included. 1 means no retries.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first backoff when the channel gives no Retry-After; it doubles on each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap on any one backoff computed without Retry-After.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest Retry-After the client will wait out itself. A longer one ends the call as
    /// <c>Throttled</c> with the wait in the outcome, for the caller to reschedule.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);
}
