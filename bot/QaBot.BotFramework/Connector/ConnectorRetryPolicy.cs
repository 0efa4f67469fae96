namespace QaBot.BotFramework.Connector;

/// <summary>
/// When the connector client tries again: 412, 429, 502, 503 and 504 and network failures, up to
/// <see cref="MaxAttempts"/> attempts; waiting for the channel's Retry-After when it gives one (up to
/// <see cref="MaxRetryAfter"/>), otherwise an exponential backoff with jitter capped at <see cref="MaxDelay"/>.
/// 403 and 404 are never retried. Replace the registered instance (or set <c>Bot:Retry</c>) to change it, for
/// example <see cref="SingleAttempt"/> for a caller that keeps its own ledger and retries through a queue.
/// </summary>
public sealed class ConnectorRetryPolicy
{
    private readonly Func<double> _random;

    public ConnectorRetryPolicy(ConnectorRetryOptions options, Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        MaxAttempts = options.MaxAttempts;
        BaseDelay = options.BaseDelay;
        MaxDelay = options.MaxDelay;
        MaxRetryAfter = options.MaxRetryAfter;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>One attempt per call: every failure is reported at once.</summary>
    public static ConnectorRetryPolicy SingleAttempt { get; } = new(new ConnectorRetryOptions { MaxAttempts = 1 });

    public int MaxAttempts { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    public TimeSpan MaxRetryAfter { get; }

    /// <summary>Statuses worth another attempt: precondition failed (412), throttled (429), gateway errors (502, 503, 504).</summary>
    public static bool IsTransient(int statusCode) => statusCode is 412 or 429 or 502 or 503 or 504;

    /// <summary>Statuses that mean the conversation is gone or closed to the bot: never retried.</summary>
    public static bool IsStale(int statusCode) => statusCode is 403 or 404;

    /// <summary>
    /// The wait before the next attempt after attempt number <paramref name="attempt"/> (1-based) failed
    /// transiently, or null to stop: no attempts left, or the channel asked for a longer wait than allowed.
    /// </summary>
    public TimeSpan? DelayBeforeRetry(int attempt, TimeSpan? retryAfter)
    {
        if (attempt >= MaxAttempts)
        {
            return null;
        }

        if (retryAfter is { } asked)
        {
            return asked > MaxRetryAfter ? null : asked;
        }

        return Backoff(attempt);
    }

    /// <summary>Half the exponential step, plus a random share of the other half ("equal jitter"), never over the cap.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var step = Math.Min(BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), MaxDelay.TotalMilliseconds);
        var jitter = Math.Clamp(_random(), 0, 1);
        return TimeSpan.FromMilliseconds((step / 2) + (jitter * step / 2));
    }
}
