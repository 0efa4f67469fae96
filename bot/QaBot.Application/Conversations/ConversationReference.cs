using QaBot.Core.Organisation;

namespace QaBot.Application.Conversations;

/// <summary>
/// What QaBot keeps to message a person proactively in their personal chat with the bot, saved from the activities
/// Teams sends (install, conversation update, message).
/// </summary>
/// <param name="UserId">The person's channel account id (<c>29:...</c>).</param>
/// <param name="BotId">The bot's channel account id (<c>28:...</c>).</param>
public sealed record ConversationReference(
    PersonId PersonId,
    string ChannelId,
    string ServiceUrl,
    string ConversationId,
    string UserId,
    string BotId,
    string TenantId);
