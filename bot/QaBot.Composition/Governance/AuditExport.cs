using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using QaBot.Application.Governance;
using QaBot.Composition.Reports;
using QaBot.Core.Calendar;

namespace QaBot.Composition.Governance;

/// <summary>
/// The audit trail as rows for the screen, CSV or a workbook: when (council time, "Fri 4 Dec 2026 14:05"), who, what,
/// which record, the detail, from where, and where the entry is kept. Ids only, as the entries hold them.
/// </summary>
public static class AuditExport
{
    public const string EntriesSheet = "Audit entries";
    public const string AboutSheet = "About";

    public static readonly IReadOnlyList<string> Headings = ["When", "Who", "Action", "Record", "Detail", "Channel", "Reference", "Kept in"];

    public static IReadOnlyList<string> Row(AuditRecord record, CouncilCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(calendar);
        var e = record.Entry;
        return
        [
            When(e.At, calendar),
            e.Actor.Value,
            e.Action,
            e.Subject,
            e.Detail,
            e.Origin.Channel,
            e.Origin.Reference ?? string.Empty,
            record.Source == AuditRecord.Items && record.Area is { } area ? "items: " + area.Value : record.Source,
        ];
    }

    /// <summary>"Fri 4 Dec 2026 14:05" in the council's time zone.</summary>
    public static string When(DateTimeOffset at, CouncilCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var local = calendar.ToLocalTime(at);
        return UkDates.Format(DateOnly.FromDateTime(local.DateTime)) + " " + UkDates.Time(local);
    }

    public static void WriteCsv(TextWriter writer, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<string> headings)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(headings);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions(), true);
        foreach (var heading in headings)
        {
            csv.WriteField(heading);
        }

        csv.EndRecord();
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                csv.WriteField(cell);
            }

            csv.EndRecord();
        }

        csv.Flush();
    }

    /// <summary>A workbook with the entries (frozen header) and an "About" sheet saying what was asked, when and how many.</summary>
    public static void WriteWorkbook(Stream stream, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<string> headings, IReadOnlyList<(string Term, string Value)> about, string sheetName = EntriesSheet)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(about);
        using var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        ComplianceWorkbook.AddStyles(workbookPart);
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        var data = new List<IReadOnlyList<object?>> { headings.Cast<object?>().ToList() };
        data.AddRange(rows.Select(r => (IReadOnlyList<object?>)r.Cast<object?>().ToList()));
        ComplianceWorkbook.AddSheet(workbookPart, sheets, 1, sheetName, data, [22, 46, 20, 60, 60, 12, 30, 50], frozenHeader: true);
        var aboutData = new List<IReadOnlyList<object?>> { new object?[] { "About this export", string.Empty } };
        aboutData.AddRange(about.Select(a => (IReadOnlyList<object?>)[a.Term, a.Value]));
        ComplianceWorkbook.AddSheet(workbookPart, sheets, 2, AboutSheet, aboutData, [20, 90], frozenHeader: false);
        workbookPart.Workbook.Save();
    }
}
