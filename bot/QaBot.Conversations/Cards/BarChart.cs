namespace QaBot.Conversations.Cards;

/// <summary>
/// <c>Chart.VerticalBar</c>: a bar chart as Teams draws it. Clients without charts (and the official parser) read the
/// <see cref="Fallback"/> instead, so every chart carries one with the same figures (a table).
/// </summary>
public sealed record BarChart : CardElement
{
    public string? Title { get; init; }

    public string? XAxisTitle { get; init; }

    public string? YAxisTitle { get; init; }

    public bool? ShowBarValues { get; init; }

    public IReadOnlyList<ChartPoint> Data { get; init; } = [];

    public required CardElement Fallback { get; init; }
}

/// <summary>One bar of a <see cref="BarChart"/>.</summary>
public sealed record ChartPoint(string X, double Y);
