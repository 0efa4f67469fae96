using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>Horizontal alignment.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HorizontalAlignment>))]
public enum HorizontalAlignment
{
    [JsonStringEnumMemberName("left")]
    Left = 0,

    [JsonStringEnumMemberName("center")]
    Center,

    [JsonStringEnumMemberName("right")]
    Right,
}
