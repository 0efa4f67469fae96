namespace QaBot.Application.Conversations;

/// <summary>
/// What QaBot keeps to post into a Teams channel: saved when the app is installed into the team (for the channel it
/// was installed from) and when someone writes to the bot in a channel. Any channel of the team can be posted to
/// with the team's service URL, so a stored General channel reaches the team's other channels too.
/// </summary>
/// <param name="ConversationId">The channel's conversation id (<c>19:...@thread.tacv2</c>).</param>
/// <param name="TeamId">The team's id: the conversation id of its General channel.</param>
/// <param name="BotId">The bot's channel account id (<c>28:...</c>).</param>
public sealed record TeamChannel(
    string ConversationId,
    string TeamId,
    string ChannelId,
    string ServiceUrl,
    string BotId,
    string TenantId)
{
    /// <summary>Another channel of the same team, reached through the same service.</summary>
    public TeamChannel InChannel(string conversationId) => this with { ConversationId = conversationId };
}

/// <summary>A saved channel with its health: a post answered 403 or 404 marks it stale until the app is added to the team again.</summary>
public sealed record StoredTeamChannel(TeamChannel Channel, DateTimeOffset SavedAt, DateTimeOffset? StaleSince, string? StaleReason)
{
    public bool IsStale => StaleSince is not null;
}
