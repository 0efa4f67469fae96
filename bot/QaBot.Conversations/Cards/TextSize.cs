using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>The size of text.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TextSize>))]
public enum TextSize
{
    [JsonStringEnumMemberName("default")]
    Default = 0,

    [JsonStringEnumMemberName("small")]
    Small,

    [JsonStringEnumMemberName("medium")]
    Medium,

    [JsonStringEnumMemberName("large")]
    Large,

    [JsonStringEnumMemberName("extraLarge")]
    ExtraLarge,
}
