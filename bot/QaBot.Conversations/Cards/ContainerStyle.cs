using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>A container's background style.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContainerStyle>))]
public enum ContainerStyle
{
    [JsonStringEnumMemberName("default")]
    Default = 0,

    [JsonStringEnumMemberName("emphasis")]
    Emphasis,

    [JsonStringEnumMemberName("good")]
    Good,

    [JsonStringEnumMemberName("attention")]
    Attention,

    [JsonStringEnumMemberName("warning")]
    Warning,

    [JsonStringEnumMemberName("accent")]
    Accent,
}
