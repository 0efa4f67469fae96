namespace QaBot.Application.Conversations;

public enum SendStatus
{
    /// <summary>The channel accepted the message (or created the conversation).</summary>
    Sent = 0,

    /// <summary>The channel is throttling the bot (429) and the retries allowed were used up, or it asked for a longer wait than allowed.</summary>
    Throttled,

    /// <summary>The conversation can no longer be reached (403: the person blocked or removed the bot, or an admin disabled it; 404: gone). Not retried.</summary>
    Stale,

    /// <summary>Anything else: bad request, server errors after the retries allowed, network failure, timeout.</summary>
    Failed,
}
