using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>The font family.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FontType>))]
public enum FontType
{
    [JsonStringEnumMemberName("default")]
    Default = 0,

    [JsonStringEnumMemberName("monospace")]
    Monospace,
}
