namespace QaBot.Application.Conversations;

/// <summary>
/// One activity from the channel, already authenticated and translated out of the wire protocol: what the
/// conversation logic needs and nothing of the Bot Framework's own types.
/// </summary>
public sealed record IncomingTurn
{
    public required TurnKind Kind { get; init; }

    /// <summary>The channel's id for this activity; empty when the channel sent none.</summary>
    public required string ActivityId { get; init; }

    public required TurnSender Sender { get; init; }

    /// <summary>
    /// Where to message the sender later (to store on install): set only in a personal chat with the bot, and null
    /// when the sender has no Entra object id or the activity names no tenant.
    /// </summary>
    public ConversationReference? Reference { get; init; }

    /// <summary>Where to post in the Teams channel the activity came from: set only in a team channel that names its team and tenant.</summary>
    public TeamChannel? Channel { get; init; }

    public required string ChannelId { get; init; }

    public required string ConversationId { get; init; }

    public ConversationKind ConversationKind { get; init; }

    /// <summary>The Entra tenant the activity came from; empty when the channel sent none.</summary>
    public string TenantId { get; init; } = string.Empty;

    /// <summary>For messages: what the person typed, trimmed, with any @mention of the bot removed.</summary>
    public string? Text { get; init; }

    /// <summary>For card actions: the verb and data of the pressed button.</summary>
    public CardAction? CardAction { get; init; }

    /// <summary>For card actions: the id of the activity holding the card (the one an update replaces).</summary>
    public string? CardActivityId { get; init; }

    /// <summary>For <see cref="TurnKind.MembersAdded"/>: the channel account ids of the members who joined.</summary>
    public IReadOnlyList<string> MembersAdded { get; init; } = [];

    /// <summary>For <see cref="TurnKind.MembersAdded"/>: true when the bot itself is among them.</summary>
    public bool BotWasAdded { get; init; }

    /// <summary>For <see cref="TurnKind.Other"/>: the activity type (and invoke name, as <c>invoke/name</c>).</summary>
    public string? OtherType { get; init; }

    /// <summary>The sender's locale (for example <c>en-GB</c>), when the channel sent one.</summary>
    public string? Locale { get; init; }

    /// <summary>When the channel says the activity was sent, in UTC.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}
