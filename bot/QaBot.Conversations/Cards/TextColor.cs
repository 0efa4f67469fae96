using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>The colour of text, from the host's palette.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TextColor>))]
public enum TextColor
{
    [JsonStringEnumMemberName("default")]
    Default = 0,

    [JsonStringEnumMemberName("dark")]
    Dark,

    [JsonStringEnumMemberName("light")]
    Light,

    [JsonStringEnumMemberName("accent")]
    Accent,

    [JsonStringEnumMemberName("good")]
    Good,

    [JsonStringEnumMemberName("warning")]
    Warning,

    [JsonStringEnumMemberName("attention")]
    Attention,
}
