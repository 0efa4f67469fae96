using System.Text.Json;
using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>Turns the card model into the schema's JSON: camelCase property names, unset properties left out.</summary>
public static class AdaptiveCardSerializer
{
    public static string Serialize(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return JsonSerializer.Serialize(card, AdaptiveCardJsonContext.Default.AdaptiveCard);
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AdaptiveCard))]
internal sealed partial class AdaptiveCardJsonContext : JsonSerializerContext;
