namespace QaBot.Application.Conversations;

/// <summary>A saved conversation reference with its health: a send answered 403 or 404 marks it stale until the person reinstalls.</summary>
public sealed record StoredConversation(
    ConversationReference Reference,
    DateTimeOffset SavedAt,
    DateTimeOffset? StaleSince,
    string? StaleReason)
{
    public bool IsStale => StaleSince is not null;
}
