namespace QaBot.Conversations.Cards;

/// <summary><c>ColumnSet</c>: elements side by side.</summary>
public sealed record ColumnSet : CardElement
{
    public string? Id { get; init; }

    public IReadOnlyList<Column> Columns { get; init; } = [];

    public ContainerStyle? Style { get; init; }

    public HorizontalAlignment? HorizontalAlignment { get; init; }
}
