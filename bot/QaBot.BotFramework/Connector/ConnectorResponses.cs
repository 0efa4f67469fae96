namespace QaBot.BotFramework.Connector;

/// <summary>What the connector client reads from an answer besides its status.</summary>
internal static class ConnectorResponses
{
    public const string CorrelationHeader = "X-Correlating-OperationId";

    /// <summary>The wait the channel asked for, as a delay or a date (measured on <paramref name="time"/>); never negative.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    public static string? CorrelationOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(CorrelationHeader, out var values) ? values.FirstOrDefault() : null;
}
