namespace QaBot.Cli.Commands;

/// <summary>
/// A plain text table for terminals: columns padded to their widest cell, long cells cut with an ellipsis, except in
/// the first column, which holds what a command is given next (an id, a reference) and is never cut.
/// </summary>
internal static class TextTable
{
    private const int MaxWidth = 48;

    public static async Task WriteAsync(TextWriter output, IReadOnlyList<string> headers, IReadOnlyList<string[]> rows)
    {
        var widths = headers.Select((h, i) => Math.Min(i == 0 ? int.MaxValue : MaxWidth, Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length)))).ToArray();
        await output.WriteLineAsync(Line(headers, widths)).ConfigureAwait(false);
        await output.WriteLineAsync(string.Join("  ", widths.Select(w => new string('-', w)))).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Line(row, widths)).ConfigureAwait(false);
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => Cut(c, widths[i]).PadRight(widths[i]))).TrimEnd();

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
