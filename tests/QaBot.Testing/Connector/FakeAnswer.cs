namespace QaBot.Testing.Connector;

/// <summary>A failure the fake Bot Connector gives instead of accepting a request.</summary>
public sealed record FakeAnswer(int Status, TimeSpan? RetryAfter = null)
{
    public static FakeAnswer Throttled(TimeSpan? retryAfter = null) => new(429, retryAfter);

    public static FakeAnswer Unavailable { get; } = new(503);

    public static FakeAnswer Forbidden { get; } = new(403);

    public static FakeAnswer NotFound { get; } = new(404);
}
