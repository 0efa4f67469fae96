using System.Text.Json;

namespace QaBot.BotFramework.Schema;

/// <summary>The HTTP body answering an <c>adaptiveCard/action</c> invoke.</summary>
internal sealed class AdaptiveCardInvokeResponse
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public int StatusCode { get; set; }

    public string? Type { get; set; }

    public JsonElement? Value { get; set; }
}
