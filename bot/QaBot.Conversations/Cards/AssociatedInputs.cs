using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>Which inputs an Action.Execute sends: all on the card (auto) or none.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssociatedInputs>))]
public enum AssociatedInputs
{
    [JsonStringEnumMemberName("auto")]
    Auto = 0,

    [JsonStringEnumMemberName("none")]
    None,
}
