using System.Text.Json;

namespace QaBot.BotFramework.Schema;

/// <summary>Body of <c>POST /v3/conversations</c>.</summary>
internal sealed class ConversationParameters
{
    public bool IsGroup { get; set; }

    public ChannelAccount? Bot { get; set; }

    public List<ChannelAccount>? Members { get; set; }

    public string? TenantId { get; set; }

    public JsonElement? ChannelData { get; set; }
}
