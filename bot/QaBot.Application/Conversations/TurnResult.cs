namespace QaBot.Application.Conversations;

/// <summary>What the bot says back in a turn.</summary>
/// <param name="Replies">Messages posted into the conversation as replies to the incoming activity, in order.</param>
/// <param name="InvokeResponse">For card actions: the synchronous answer. Null for any other kind of turn.</param>
public sealed record TurnResult(IReadOnlyList<OutboundMessage> Replies, InvokeResponse? InvokeResponse)
{
    /// <summary>Nothing to say.</summary>
    public static TurnResult None { get; } = new([], null);

    public static TurnResult Reply(params OutboundMessage[] replies) => new(replies, null);

    public static TurnResult Invoke(InvokeResponse response, params OutboundMessage[] replies) => new(replies, response);
}
