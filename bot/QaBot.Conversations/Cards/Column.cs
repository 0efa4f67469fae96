using System.Text.Json.Serialization;

namespace QaBot.Conversations.Cards;

/// <summary><c>Column</c>: one column of a <see cref="ColumnSet"/>.</summary>
public sealed record Column
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "Column";

    public string? Id { get; init; }

    public IReadOnlyList<CardElement> Items { get; init; } = [];

    public ColumnWidth? Width { get; init; }

    public VerticalAlignment? VerticalContentAlignment { get; init; }

    public ContainerStyle? Style { get; init; }

    public Spacing? Spacing { get; init; }

    public bool? Separator { get; init; }

    public bool? IsVisible { get; init; }
}
