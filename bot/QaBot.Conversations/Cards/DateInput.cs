namespace QaBot.Conversations.Cards;

/// <summary><c>Input.Date</c>. Values are ISO dates (<c>yyyy-MM-dd</c>); the client shows them in the person's locale.</summary>
public sealed record DateInput : CardInput
{
    public required string Id { get; init; }

    public DateOnly? Value { get; init; }

    public DateOnly? Min { get; init; }

    public DateOnly? Max { get; init; }

    public string? Placeholder { get; init; }
}
