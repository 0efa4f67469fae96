namespace QaBot.Infrastructure.Graph;

/// <summary>
/// How Graph requests are retried (<c>Graph:Retry</c>): 429 for every request; 502, 503, 504, network failures and
/// attempt timeouts for idempotent requests only (see <see cref="GraphResilience"/>).
/// </summary>
public sealed class GraphRetryOptions
{
    /// <summary>Attempts per call, the first included. 1 means no retries.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first backoff when Graph gives no Retry-After; it doubles on each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap on any one backoff computed without Retry-After.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest Retry-After waited out; a longer one ends the call with Graph's answer.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);
}
