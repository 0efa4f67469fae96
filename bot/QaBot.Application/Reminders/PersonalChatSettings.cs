namespace QaBot.Application.Reminders;

/// <summary>
/// What the sender needs to open a 1:1 chat with someone the bot has no conversation with yet: the bot's channel
/// account (<c>28:{app id}</c>), the council's tenant and the Teams service URL. Without a bot id and tenant (local
/// development) chats cannot be opened and such people are recorded as not reachable.
/// </summary>
public sealed record PersonalChatSettings(string? BotId, string? TenantId, string ServiceUrl, string ChannelId = "msteams")
{
    public bool CanOpenChats => !string.IsNullOrWhiteSpace(BotId) && !string.IsNullOrWhiteSpace(TenantId);
}
