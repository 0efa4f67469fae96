namespace QaBot.BotFramework.Schema;

internal sealed class TenantInfo
{
    public string? Id { get; set; }
}
