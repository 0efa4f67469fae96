namespace QaBot.Conversations.Cards;

/// <summary><c>TextBlock</c>: text, with a little Markdown (bold, italics, lists, links).</summary>
public sealed record TextBlock : CardElement
{
    public string? Id { get; init; }

    public required string Text { get; init; }

    /// <summary>Wraps long text instead of cutting it off; almost always wanted.</summary>
    public bool? Wrap { get; init; }

    public TextSize? Size { get; init; }

    public TextWeight? Weight { get; init; }

    public TextColor? Color { get; init; }

    public bool? IsSubtle { get; init; }

    public int? MaxLines { get; init; }

    public HorizontalAlignment? HorizontalAlignment { get; init; }

    public FontType? FontType { get; init; }

    public TextBlockStyle? Style { get; init; }
}
