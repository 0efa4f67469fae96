namespace QaBot.Conversations.Cards;

/// <summary><c>Input.ChoiceSet</c>: a choice from a list. Its value (the chosen <see cref="Choice.Value"/>) reaches the bot under <see cref="Id"/>.</summary>
public sealed record ChoiceSetInput : CardInput
{
    public required string Id { get; init; }

    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>The value chosen at first; null leaves nothing chosen.</summary>
    public string? Value { get; init; }

    /// <summary><c>compact</c> (a drop-down) or <c>expanded</c> (radio buttons).</summary>
    public ChoiceInputStyle? Style { get; init; }

    public bool? IsMultiSelect { get; init; }

    public string? Placeholder { get; init; }

    public bool? Wrap { get; init; }
}
