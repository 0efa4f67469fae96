using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>The keyboard and validation hint of a text input.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TextInputStyle>))]
public enum TextInputStyle
{
    [JsonStringEnumMemberName("text")]
    Text = 0,

    [JsonStringEnumMemberName("tel")]
    Tel,

    [JsonStringEnumMemberName("url")]
    Url,

    [JsonStringEnumMemberName("email")]
    Email,

    [JsonStringEnumMemberName("password")]
    Password,
}
