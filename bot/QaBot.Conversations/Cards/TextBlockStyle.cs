using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>A TextBlock's style (1.5): a heading is announced as one by screen readers.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TextBlockStyle>))]
public enum TextBlockStyle
{
    [JsonStringEnumMemberName("default")]
    Default = 0,

    [JsonStringEnumMemberName("heading")]
    Heading,
}
