namespace QaBot.Testing.Connector;

/// <summary>One request the fake Bot Connector received: when (since it started), what, and how it answered.</summary>
/// <param name="At">Arrival time, measured from the fake's start on a monotonic clock.</param>
/// <param name="ConversationId">The conversation posted to; for a create, <c>create:{member id}</c>.</param>
/// <param name="DigestId">The digest the activity carried (<see cref="TestDigestRenderer"/> puts it in the text), if any.</param>
public sealed record ConnectorRequest(TimeSpan At, string Method, string Path, string ConversationId, string? DigestId, int Status)
{
    public bool Accepted => Status is >= 200 and < 300;

    public bool IsCreate => ConversationId.StartsWith("create:", StringComparison.Ordinal);
}
