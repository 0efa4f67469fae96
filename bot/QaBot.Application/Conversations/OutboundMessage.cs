namespace QaBot.Application.Conversations;

/// <summary>A message to a person: plain text, an Adaptive Card (as JSON), or both.</summary>
public sealed record OutboundMessage(string? Text, string? CardJson)
{
    public static OutboundMessage FromText(string text) => new(text, null);

    public static OutboundMessage FromCard(string cardJson, string? summary = null) => new(summary, cardJson);
}
