using System.Globalization;
using QaBot.Conversations.Text;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Composition.Reports;

/// <summary>
/// The report's lines as the cells of a table, in the column order of the CSV: names for areas and duties, counts as
/// numbers unless suppressed, the rate as a fraction. The CSV, the workbook and the terminal table all read these, so
/// they show the same figures.
/// </summary>
public sealed class ComplianceReportRows
{
    public static readonly IReadOnlyList<string> CsvHeader =
        ["area", "duty", "month", "due", "on_time", "late", "not_applicable", "closed_other", "open", "overdue", "on_time_rate", "change_pts"];

    public static readonly IReadOnlyList<string> Headings =
        ["Area", "Duty", "Month", "Due", "On time", "Late", "Not applicable", "Closed (other)", "Open", "Overdue", "On-time rate", "Change (points)"];

    private static readonly FigureColumn[] Counts =
        [FigureColumn.Due, FigureColumn.OnTime, FigureColumn.Late, FigureColumn.NotApplicable, FigureColumn.ClosedOther, FigureColumn.Open, FigureColumn.Overdue];

    private readonly AreaTree _tree;
    private readonly FrameworkCatalogue _catalogue;

    private readonly AreaId? _relativeTo;

    /// <param name="relativeTo">Name areas by their path below this one (for a terminal, where full paths are too wide); null for full paths.</param>
    public ComplianceReportRows(AreaTree tree, FrameworkCatalogue catalogue, AreaId? relativeTo = null)
    {
        _tree = tree ?? throw new ArgumentNullException(nameof(tree));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _relativeTo = relativeTo;
    }

    /// <summary>One row's cells: text, a whole number, a fraction (the rate) or null (nothing to show).</summary>
    public IReadOnlyList<object?> Row(PublishedFigures line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var f = line.Figures;
        var row = new List<object?>
        {
            AreaName(f.Area),
            f.Duty is { } duty ? DutyWording.TitleOf(duty, _catalogue) : "All duties",
            f.Month?.ToString() ?? string.Empty,
        };
        foreach (var column in Counts)
        {
            row.Add(line.IsHidden(column) ? PublishedFigures.FewerThanFive : line.Value(column));
        }

        row.Add(line.RateWithheld ? null : f.OnTimeRate);
        row.Add(line.ChangeWithheld ? null : f.ChangePoints);
        return row;
    }

    private string AreaName(AreaId area)
    {
        if (_tree.Find(area) is not { } found)
        {
            return area.Value;
        }

        if (_relativeTo is not { } top || !area.IsWithin(top))
        {
            return _tree.PathOf(area);
        }

        return area == top ? found.Name : _tree.PathOf(area)[(_tree.PathOf(top).Length + AreaTree.PathSeparator.Length)..];
    }

    /// <summary>A cell as the CSV writes it: rates as percentages with one decimal, hidden counts as "&lt;5".</summary>
    public static string CsvText(object? cell, int column) => cell switch
    {
        null => string.Empty,
        string s when s == PublishedFigures.FewerThanFive => "<5",
        string s => s,
        int n => n.ToString(CultureInfo.InvariantCulture),
        // Halves round away from zero, as the workbook, the chat answers and Excel show them (81.25 is 81.3).
        double d when column == 10 => Math.Round(d * 100, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture),
        double d => d.ToString("0.0", CultureInfo.InvariantCulture),
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>A cell as people read it in a terminal or a card.</summary>
    public static string DisplayText(object? cell, int column) => cell switch
    {
        null => column >= 10 ? "–" : string.Empty,
        int n => n.ToString("N0", CultureInfo.GetCultureInfo("en-GB")),
        double d when column == 10 => d.ToString("0.0%", CultureInfo.GetCultureInfo("en-GB")),
        double d => (d > 0 ? "+" : string.Empty) + d.ToString("0.0", CultureInfo.GetCultureInfo("en-GB")),
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
