using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>Whether an action shows as a button or in the overflow menu (1.5).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionMode>))]
public enum ActionMode
{
    [JsonStringEnumMemberName("primary")]
    Primary = 0,

    [JsonStringEnumMemberName("secondary")]
    Secondary,
}
