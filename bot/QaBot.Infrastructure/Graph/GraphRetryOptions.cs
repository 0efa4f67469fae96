namespace QaBot.Infrastructure.Graph;

/// <summary>How Graph calls are retried after 429, 502, 503, 504 and network failures (<c>Graph:Retry</c>).</summary>
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

    /// <summary>
    /// The wait before the next attempt after attempt number <paramref name="attempt"/> (1-based) failed
    /// transiently, or null to stop: no attempts left, or Graph asked for a longer wait than allowed.
    /// </summary>
    internal TimeSpan? DelayBeforeRetry(int attempt, TimeSpan? retryAfter, Func<double> random)
    {
        if (attempt >= MaxAttempts)
        {
            return null;
        }

        if (retryAfter is { } asked)
        {
            return asked > MaxRetryAfter ? null : asked;
        }

        var step = Math.Min(BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)), MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((step / 2) + (Math.Clamp(random(), 0, 1) * step / 2));
    }
}
