namespace QaBot.Application.Conversations;

/// <summary>Where the conversation takes place: a personal chat with the bot, a group chat or a team channel.</summary>
public enum ConversationKind
{
    Personal = 0,
    GroupChat,
    Channel,
}
