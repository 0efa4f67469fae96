namespace QaBot.Application.Conversations;

/// <summary>
/// A saved conversation reference with its health (a send answered 403 or 404 marks it stale until the person
/// reinstalls) and when the bot last greeted the person on installing it, which every instance of the bot reads so a
/// person installing twice in a moment is greeted once.
/// </summary>
public sealed record StoredConversation(
    ConversationReference Reference,
    DateTimeOffset SavedAt,
    DateTimeOffset? StaleSince,
    string? StaleReason,
    DateTimeOffset? GreetedAt = null)
{
    public bool IsStale => StaleSince is not null;
}
