namespace QaBot.Conversations.Cards;

/// <summary><c>FactSet</c>: labelled values, such as "Due: Friday 28 November 2026".</summary>
public sealed record FactSet : CardElement
{
    public string? Id { get; init; }

    public IReadOnlyList<Fact> Facts { get; init; } = [];
}
