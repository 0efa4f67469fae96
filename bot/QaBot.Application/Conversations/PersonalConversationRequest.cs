using QaBot.Core.Organisation;

namespace QaBot.Application.Conversations;

/// <summary>What is needed to open a 1:1 chat between the bot and a person who has the app installed.</summary>
/// <param name="ServiceUrl">The channel's service URL for the person's region (from an earlier activity, or the Teams default).</param>
/// <param name="UserId">The person's channel account id (<c>29:...</c>).</param>
/// <param name="BotId">The bot's channel account id (<c>28:{app id}</c>).</param>
public sealed record PersonalConversationRequest(
    PersonId PersonId,
    string ChannelId,
    string ServiceUrl,
    string UserId,
    string BotId,
    string TenantId)
{
    /// <summary>The reference to keep once the channel has given the conversation its id.</summary>
    public ConversationReference ToReference(string conversationId) =>
        new(PersonId, ChannelId, ServiceUrl, conversationId, UserId, BotId, TenantId);
}
