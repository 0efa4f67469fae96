namespace QaBot.BotFramework.Schema;

/// <summary>Teams <c>channelData</c> naming the tenant, sent when creating a conversation.</summary>
internal sealed class TenantChannelData
{
    public TenantInfo? Tenant { get; set; }
}
