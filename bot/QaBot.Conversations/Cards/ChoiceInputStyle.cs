using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>How a choice set shows its options.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChoiceInputStyle>))]
public enum ChoiceInputStyle
{
    [JsonStringEnumMemberName("compact")]
    Compact = 0,

    [JsonStringEnumMemberName("expanded")]
    Expanded,
}
