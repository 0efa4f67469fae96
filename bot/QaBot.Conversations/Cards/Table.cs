namespace QaBot.Conversations.Cards;

/// <summary><c>Table</c>: rows of cells under column widths, the first row as the header.</summary>
public sealed record Table : CardElement
{
    public IReadOnlyList<TableColumn> Columns { get; init; } = [];

    public IReadOnlyList<TableRow> Rows { get; init; } = [];

    public bool? FirstRowAsHeader { get; init; }

    public bool? ShowGridLines { get; init; }
}

/// <summary>A column of a <see cref="Table"/>, by its relative width.</summary>
public sealed record TableColumn(int Width);

/// <summary>A row of a <see cref="Table"/>.</summary>
public sealed record TableRow(IReadOnlyList<TableCell> Cells)
{
    public string Type { get; } = "TableRow";
}

/// <summary>A cell of a <see cref="TableRow"/>.</summary>
public sealed record TableCell(IReadOnlyList<CardElement> Items)
{
    public string Type { get; } = "TableCell";
}
