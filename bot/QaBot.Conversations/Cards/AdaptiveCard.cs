using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary>An Adaptive Card (schema 1.5, the highest Teams supports), built in code and serialised by <see cref="ToJson"/>.</summary>
public sealed record AdaptiveCard
{
    public const string SchemaVersion = "1.5";
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    private readonly string? _lang;

    [JsonPropertyOrder(-3)]
    public string Type { get; } = "AdaptiveCard";

    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-2)]
    public string? Schema { get; init; } = SchemaUrl;

    [JsonPropertyOrder(-1)]
    public string Version { get; init; } = SchemaVersion;

    public IReadOnlyList<CardElement> Body { get; init; } = [];

    /// <summary>Buttons at the foot of the card; omitted when null.</summary>
    public IReadOnlyList<CardAction>? Actions { get; init; }

    public CardRefresh? Refresh { get; init; }

    /// <summary>What clients that cannot show the card show instead (and what notifications may quote).</summary>
    public string? FallbackText { get; init; }

    public string? Speak { get; init; }

    /// <summary>The card's language as a two-letter ISO 639-1 code (<c>en</c>); the parser refuses <c>en-GB</c>.</summary>
    public string? Lang
    {
        get => _lang;
        init => _lang = value is null || (value.Length == 2 && value.All(char.IsAsciiLetterLower))
            ? value
            : throw new ArgumentException($"A card's lang is a two-letter language code such as 'en', not '{value}'.", nameof(value));
    }

    public VerticalAlignment? VerticalContentAlignment { get; init; }

    [JsonPropertyName("msteams")]
    public TeamsCardOptions? MsTeams { get; init; }

    public string ToJson() => AdaptiveCardSerializer.Serialize(this);

    /// <summary>A card Teams shows at the full width of the conversation, as every QaBot answer with figures or forms is.</summary>
    public static AdaptiveCard FullWidth(IReadOnlyList<CardElement> body, string fallback) => new()
    {
        Body = body,
        FallbackText = fallback,
        MsTeams = new TeamsCardOptions { Width = "Full" },
    };
}
