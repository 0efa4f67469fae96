using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using QaBot.Core.Compliance;

namespace QaBot.Composition.Reports;

/// <summary>
/// Writes a compliance report as an Excel workbook: sheets "By area", "By duty" and "By month" with a frozen header
/// row, whole numbers, rates as percentages and changes in points, and a "Definitions" sheet in the council's words.
/// </summary>
public static class ComplianceWorkbook
{
    public const string ByArea = "By area";
    public const string ByDuty = "By duty";
    public const string ByMonth = "By month";
    public const string Definitions = "Definitions";

    private const uint HeaderStyle = 1;
    private const uint WholeNumberStyle = 2;
    private const uint PercentStyle = 3;
    private const uint PointsStyle = 4;
    private const uint WrapStyle = 5;

    /// <summary>The definitions sheet's rows: term and meaning (docs/compliance.md says the same).</summary>
    public static readonly IReadOnlyList<(string Term, string Meaning)> Terms =
    [
        ("Due", "Items that fell due in the month (by their original due date), whatever became of them."),
        ("On time", "Done by the due date in force: the original date, or the new date after an allowed reschedule."),
        ("Late", "Done after the due date in force."),
        ("Not applicable", "Set aside by the person as not applying this time, with a reason."),
        ("Closed (other)", "Closed for another reason, for example superseded by a new version of the framework."),
        ("Open", "Not done yet (including those rescheduled to a later date)."),
        ("Overdue", "Open items past the council's overdue cut-off on the date the report was made."),
        ("On-time rate", "On time ÷ (due − not applicable − closed for another reason)."),
        ("Change (points)", "The on-time rate's change from the month before, in percentage points."),
        ("fewer than 5", "In reports for elected members, counts from 1 to 4 are not shown, and a second count is hidden where the first could be worked out from the total."),
        ("– (rate)", "No rate: nothing counts towards it, or (for elected members) it rests on too few items to be shown."),
    ];

    public static void Write(Stream stream, ComplianceReportRows rows, IReadOnlyDictionary<string, IReadOnlyList<PublishedFigures>> sheets, string title)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(sheets);
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        AddStyles(workbookPart);
        var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
        uint id = 1;
        foreach (var (name, lines) in sheets)
        {
            var data = new List<IReadOnlyList<object?>> { ComplianceReportRows.Headings.Cast<object?>().ToList() };
            data.AddRange(lines.Select(rows.Row));
            AddSheet(workbookPart, sheetList, id++, name, data, [48, 44, 10, 9, 9, 9, 14, 14, 9, 9, 13, 15], frozenHeader: true);
        }

        var definitions = new List<IReadOnlyList<object?>> { new object?[] { "Term", "Meaning" }, new object?[] { "Report", title } };
        definitions.AddRange(Terms.Select(t => (IReadOnlyList<object?>)[t.Term, t.Meaning]));
        AddSheet(workbookPart, sheetList, id, Definitions, definitions, [20, 110], frozenHeader: true);
        workbookPart.Workbook.Save();
    }

    internal static void AddSheet(WorkbookPart workbookPart, Sheets sheetList, uint id, string name, List<IReadOnlyList<object?>> data, double[] widths, bool frozenHeader)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>();
        var worksheet = new Worksheet();
        if (frozenHeader)
        {
            worksheet.Append(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue>([new StringValue("A2")]) })
            { WorkbookViewId = 0 }));
        }

        var columns = new Columns();
        for (var i = 0; i < widths.Length; i++)
        {
            columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = widths[i], CustomWidth = true });
        }

        worksheet.Append(columns);
        var sheetData = new SheetData();
        for (var r = 0; r < data.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < data[r].Count; c++)
            {
                row.Append(CellFor(data[r][c], r, c));
            }

            sheetData.Append(row);
        }

        worksheet.Append(sheetData);
        part.Worksheet = worksheet;
        sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private static Cell CellFor(object? value, int row, int column)
    {
        var reference = ColumnName(column) + (row + 1).ToString(CultureInfo.InvariantCulture);
        return value switch
        {
            _ when row == 0 => Text(reference, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, HeaderStyle),
            int n => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(n), StyleIndex = WholeNumberStyle },
            double d => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d), StyleIndex = column == 10 ? PercentStyle : PointsStyle },
            null => new Cell { CellReference = reference },
            _ => Text(reference, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, WrapStyle),
        };
    }

    private static Cell Text(string reference, string text, uint style) =>
        new(new InlineString(new Text(text))) { CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style };

    private static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    internal static void AddStyles(WorkbookPart workbookPart)
    {
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0%" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "+0.0;-0.0;0.0" }) { Count = 2 },
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }) { Count = 6 });
    }
}
