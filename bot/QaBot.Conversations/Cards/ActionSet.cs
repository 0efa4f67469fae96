namespace QaBot.Conversations.Cards;

/// <summary><c>ActionSet</c>: buttons placed in the body, for example under each item of a digest.</summary>
public sealed record ActionSet : CardElement
{
    public string? Id { get; init; }

    public IReadOnlyList<CardAction> Actions { get; init; } = [];
}
