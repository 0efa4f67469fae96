using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using QaBot.Application.Governance;
using QaBot.Composition.Reports;
using QaBot.Core.Calendar;

namespace QaBot.Composition.Governance;

/// <summary>
/// A subject access export as a workbook (an "About" sheet saying who, when and what each sheet holds, then one sheet
/// per table with a row per record, council times as "Fri 4 Dec 2026 14:05") or as JSON (every value with its type, UTC
/// instants), from the same records, so the two always agree.
/// </summary>
public static class SubjectAccessExport
{
    public const string AboutSheet = "About";

    /// <summary>What each table holds, in the council's words, for the reader of an export.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tables = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Directory"] = "Your record in the staff directory (name, UPN, job title, areas, roles, line manager) and its audit entries; records of people you manage that name you as line manager",
        ["Items"] = "Your duties (tracked items) with their replies, notes, nudges and audit entries; items about you (a supervision of you); entries where you acted",
        ["Outstanding"] = "The working copy of your duties that are still open",
        ["Reminders"] = "Reminders planned for your open duties",
        ["Conversations"] = "Your chat with QaBot in Teams (the reference Teams gives to reach you)",
        ["Meetings"] = "Board and group meetings you attend or organise",
        ["SendLedger"] = "Reminder digests sent to you, with each attempt",
        ["Scheduler"] = "Scheduler records that name you",
        ["Compliance"] = "Compliance figures (counts, each area's oldest open items by id, and markers of items being written; listed only if they name you)",
        ["Cases"] = "Statutory review chains you are responsible for (case references and dates, no children's names)",
        ["Governance"] = "Looks at the records that you made or that were about you (audit queries, exports)",
    };

    public static string SheetName(string table) => table switch
    {
        "Directory" => "Profile",
        "Items" => "Items and replies",
        "Outstanding" => "Open items",
        "SendLedger" => "Reminders sent",
        "Governance" => "Looks",
        _ => table,
    };

    public static void WriteJson(Stream stream, SubjectAccessAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(answer);
        var person = answer.Person ?? throw new ArgumentException("The export was refused: nothing to write.", nameof(answer));
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("exportedAt", answer.At);
        json.WriteStartObject("person");
        json.WriteString("objectId", person.Id.Value);
        json.WriteString("upn", person.Upn);
        json.WriteString("displayName", person.DisplayName);
        json.WriteEndObject();
        json.WriteNumber("records", answer.Records.Count);
        json.WriteStartArray("tables");
        foreach (var group in answer.Records.GroupBy(r => r.Table))
        {
            json.WriteStartObject();
            json.WriteString("table", group.Key);
            json.WriteString("holds", Tables.GetValueOrDefault(group.Key, group.Key));
            json.WriteStartArray("records");
            foreach (var record in group)
            {
                json.WriteStartObject();
                json.WriteString("partition", record.Partition);
                json.WriteString("row", record.Row);
                json.WriteStartObject("values");
                foreach (var value in record.Values)
                {
                    WriteValue(json, value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteWorkbook(Stream stream, SubjectAccessAnswer answer, CouncilCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(calendar);
        var person = answer.Person ?? throw new ArgumentException("The export was refused: nothing to write.", nameof(answer));
        using var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        ComplianceWorkbook.AddStyles(workbookPart);
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        var groups = answer.Records.GroupBy(r => r.Table).ToList();

        var about = new List<IReadOnlyList<object?>>
        {
            new object?[] { "What QaBot holds about you", string.Empty },
            new object?[] { "Name", person.DisplayName },
            new object?[] { "UPN", person.Upn },
            new object?[] { "Object id", person.Id.Value },
            new object?[] { "Exported", AuditExport.When(answer.At, calendar) },
            new object?[] { "Records", answer.Records.Count.ToString(CultureInfo.InvariantCulture) },
        };
        about.AddRange(groups.Select(g => (IReadOnlyList<object?>)[SheetName(g.Key), $"{g.Count()}: {Tables.GetValueOrDefault(g.Key, g.Key)}"]));
        ComplianceWorkbook.AddSheet(workbookPart, sheets, 1, AboutSheet, about, [22, 110], frozenHeader: true);

        uint id = 2;
        foreach (var group in groups)
        {
            var names = group.SelectMany(r => r.Values.Select(v => v.Name)).Distinct(StringComparer.Ordinal).ToList();
            var data = new List<IReadOnlyList<object?>> { new object?[] { "Partition", "Row" }.Concat(names).ToList() };
            foreach (var record in group)
            {
                var values = record.Values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
                data.Add(new object?[] { record.Partition, record.Row }.Concat(names.Select(n => values.TryGetValue(n, out var v) ? Text(v, calendar) : null)).ToList());
            }

            ComplianceWorkbook.AddSheet(workbookPart, sheets, id++, SheetName(group.Key), data, [.. Enumerable.Repeat(30.0, names.Count + 2)], frozenHeader: true);
        }

        workbookPart.Workbook.Save();
    }

    private static string Text(object value, CouncilCalendar calendar) => value switch
    {
        DateTimeOffset at => AuditExport.When(at, calendar),
        bool flag => flag ? "yes" : "no",
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static void WriteValue(Utf8JsonWriter json, HeldValue value)
    {
        switch (value.Value)
        {
            case string text:
                json.WriteString(value.Name, text);
                break;
            case int n:
                json.WriteNumber(value.Name, n);
                break;
            case long n:
                json.WriteNumber(value.Name, n);
                break;
            case double d:
                json.WriteNumber(value.Name, d);
                break;
            case bool flag:
                json.WriteBoolean(value.Name, flag);
                break;
            case DateTimeOffset at:
                json.WriteString(value.Name, at.UtcDateTime);
                break;
            case Guid guid:
                json.WriteString(value.Name, guid);
                break;
            case byte[] bytes:
                json.WriteBase64String(value.Name, bytes);
                break;
            default:
                json.WriteString(value.Name, Convert.ToString(value.Value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
