using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>How an action is emphasised.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionStyle>))]
public enum ActionStyle
{
    [JsonStringEnumMemberName("default")]
    Default = 0,

    [JsonStringEnumMemberName("positive")]
    Positive,

    [JsonStringEnumMemberName("destructive")]
    Destructive,
}
