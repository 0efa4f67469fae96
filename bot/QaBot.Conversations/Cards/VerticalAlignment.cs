using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>Vertical alignment of content.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VerticalAlignment>))]
public enum VerticalAlignment
{
    [JsonStringEnumMemberName("top")]
    Top = 0,

    [JsonStringEnumMemberName("center")]
    Center,

    [JsonStringEnumMemberName("bottom")]
    Bottom,
}
