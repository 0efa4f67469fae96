namespace QaBot.Conversations.Cards;

/// <summary><c>Input.Text</c>. Its value reaches the bot under <see cref="Id"/> in the action's data.</summary>
public sealed record TextInput : CardInput
{
    public required string Id { get; init; }

    public string? Placeholder { get; init; }

    public string? Value { get; init; }

    public bool? IsMultiline { get; init; }

    public int? MaxLength { get; init; }

    public TextInputStyle? Style { get; init; }

    /// <summary>A regular expression the value must match (1.3).</summary>
    public string? Regex { get; init; }
}
