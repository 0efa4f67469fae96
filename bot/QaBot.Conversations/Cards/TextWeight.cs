using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>The weight of text.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TextWeight>))]
public enum TextWeight
{
    [JsonStringEnumMemberName("default")]
    Default = 0,

    [JsonStringEnumMemberName("lighter")]
    Lighter,

    [JsonStringEnumMemberName("bolder")]
    Bolder,
}
