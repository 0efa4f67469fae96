namespace QaBot.Conversations.Cards;

/// <summary><c>Container</c>: groups elements, optionally on a styled background.</summary>
public sealed record Container : CardElement
{
    public string? Id { get; init; }

    public IReadOnlyList<CardElement> Items { get; init; } = [];

    public ContainerStyle? Style { get; init; }

    /// <summary>Lets a styled container reach the card's edges.</summary>
    public bool? Bleed { get; init; }

    public VerticalAlignment? VerticalContentAlignment { get; init; }
}
