using System.Text.Json;

namespace QaBot.BotFramework.Schema;

/// <summary>Bot Framework <c>Attachment</c>; QaBot sends Adaptive Cards only.</summary>
internal sealed class Attachment
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public string? ContentType { get; set; }

    public JsonElement? Content { get; set; }
}
