namespace QaBot.Application.Conversations;

/// <summary>
/// Sends messages into conversations through the channel (proactive reminders, digest cards, nudges). Each call is
/// one message; implementations may retry transient failures according to their policy, and report the result as
/// a <see cref="SendOutcome"/> rather than throwing.
/// </summary>
public interface IConversationSender
{
    /// <summary>Posts a new message into the conversation. On success the outcome carries the new activity id.</summary>
    Task<SendOutcome> SendAsync(ConversationReference conversation, OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>Posts a message as a reply to an activity in the conversation.</summary>
    Task<SendOutcome> ReplyAsync(ConversationReference conversation, string replyToActivityId, OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>Replaces an activity the bot sent earlier (for example a card, once its item is done).</summary>
    Task<SendOutcome> UpdateAsync(ConversationReference conversation, string activityId, OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>Posts a new message into a Teams channel (a new thread). On success the outcome carries the new activity id.</summary>
    Task<SendOutcome> PostToChannelAsync(TeamChannel channel, OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>Opens (or finds) the 1:1 chat with a person. On success the outcome carries the conversation id.</summary>
    Task<SendOutcome> CreatePersonalConversationAsync(PersonalConversationRequest request, CancellationToken cancellationToken);
}
