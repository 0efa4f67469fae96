namespace QaBot.Application.Conversations;

/// <summary>What happened in the chat that made the channel call the bot.</summary>
public enum TurnKind
{
    /// <summary>Anything else the channel sends (typing, reactions, other invokes, members removed...).</summary>
    Other = 0,

    /// <summary>The person installed the app (or it was installed for them).</summary>
    Installed,

    /// <summary>The person removed the app.</summary>
    Uninstalled,

    /// <summary>Members (possibly the bot itself) joined the conversation.</summary>
    MembersAdded,

    /// <summary>The person typed a message.</summary>
    Message,

    /// <summary>The person pressed an <c>Action.Execute</c> button on a card, or Teams refreshed a card automatically.</summary>
    CardAction,
}
