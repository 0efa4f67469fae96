using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using QaBot.Demo;

namespace QaBot.Cli.Tests.Compliance;

[Trait("Category", "Storage")]
public sealed class ComplianceCommandsTests(SeededCouncil council) : IClassFixture<SeededCouncil>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qabot-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ReportCsv_HasTheDocumentedColumnsAndAgreesWithTheWorkbook()
    {
        var (exit, csv, error) = await council.Cli.RunAsync("report", "compliance", "--from", "2026-06", "--to", "2026-11", "--by", "duty", "--format", "csv");
        Assert.True(exit == 0, error);
        var workbook = Path.Combine(_folder, "compliance.xlsx");
        var (xlsxExit, xlsxOutput, xlsxError) = await council.Cli.RunAsync("report", "compliance", "--from", "2026-06", "--to", "2026-11", "--format", "xlsx", "--out", workbook);
        Assert.True(xlsxExit == 0, xlsxError);
        Assert.Contains("Wrote ", xlsxOutput, StringComparison.Ordinal);

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("area,duty,month,due,on_time,late,not_applicable,closed_other,open,overdue,on_time_rate,change_pts", lines[0]);
        Assert.True(lines.Length > 20, $"only {lines.Length} lines");
        var sheets = ReadWorkbook(workbook);
        Assert.Equal(["By area", "By duty", "By month", "Definitions"], sheets.Keys);
        var byDuty = sheets["By duty"];
        Assert.Equal(lines.Length, byDuty.Count);
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = ParseCsvLine(lines[i]);
            var row = byDuty[i];
            for (var c = 3; c <= 9; c++)
            {
                Assert.Equal(fields[c], row[c]);
            }

            var rate = string.IsNullOrEmpty(row[10]) ? string.Empty : (double.Parse(row[10], CultureInfo.InvariantCulture) * 100).ToString("0.0", CultureInfo.InvariantCulture);
            Assert.Equal(fields[10], rate);
        }

        // Every month's totals agree across the sheets, and due is the sum of its parts.
        var byMonth = sheets["By month"].Skip(1).ToDictionary(r => r[2], r => int.Parse(r[3], CultureInfo.InvariantCulture));
        foreach (var month in byMonth.Keys)
        {
            Assert.Equal(byMonth[month], byDuty.Skip(1).Where(r => r[2] == month).Sum(r => int.Parse(r[3], CultureInfo.InvariantCulture)));
            Assert.Equal(byMonth[month], sheets["By area"].Skip(1).Where(r => r[2] == month).Sum(r => int.Parse(r[3], CultureInfo.InvariantCulture)));
        }

        Assert.All(byDuty.Skip(1), r => Assert.Equal(int.Parse(r[3], CultureInfo.InvariantCulture), Enumerable.Range(4, 5).Sum(c => int.Parse(r[c], CultureInfo.InvariantCulture))));
        Assert.True(byMonth.Values.Sum() > 1000, $"the demo council's six months should have well over 1,000 items due, not {byMonth.Values.Sum()}");
    }

    [Fact]
    public async Task ReportForMembers_NoCountUnderFiveAndNoName()
    {
        var (exit, csv, error) = await council.Cli.RunAsync("report", "compliance", "--from", "2026-06", "--to", "2026-11", "--audience", "members", "--format", "csv");

        Assert.True(exit == 0, error);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).Select(ParseCsvLine).ToList();
        Assert.NotEmpty(rows);
        Assert.Contains(rows, r => r.Skip(3).Take(7).Contains("<5"));
        foreach (var row in rows)
        {
            foreach (var count in row.Skip(3).Take(7).Where(c => c != "<5"))
            {
                Assert.True(int.Parse(count, CultureInfo.InvariantCulture) is 0 or >= 5, $"{string.Join(",", row)} shows {count}");
            }
        }

        foreach (var person in DemoCouncil.Create().People)
        {
            Assert.DoesNotContain(person.DisplayName, csv, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReportTable_ForOneLocality_NamesItsTeams()
    {
        var (exit, output, error) = await council.Cli.RunAsync("report", "compliance", "--area", "Locality: Chesterfield", "--from", "2026-10", "--to", "2026-10");

        Assert.True(exit == 0, error);
        Assert.Contains("Compliance for Children's Services > Early Help & Safeguarding", output, StringComparison.Ordinal);
        Assert.Contains("Team 1", output, StringComparison.Ordinal);
        Assert.Contains("October 2026", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rebuild_OnTheSeededCouncil_FindsTheModelInStep()
    {
        var (exit, output, error) = await council.Cli.RunAsync("compliance", "rebuild", "--from", "2026-01", "--to", "2027-12", "--dry-run");

        Assert.True(exit == 0, error);
        Assert.Contains("The compliance model agrees with the items for 2026-01 to 2027-12", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "2026-13", "--from '2026-13' is not a month")]
    [InlineData("--to", "2025-01", "--to 2025-01 is before --from 2026-06")]
    public async Task Report_BadMonth_SaysWhichOptionIsWrong(string option, string value, string message)
    {
        string[] args = ["report", "compliance", "--from", "2026-06", "--to", "2026-11"];
        args[Array.IndexOf(args, option) + 1] = value;

        var (exit, _, error) = await council.Cli.RunAsync(args);

        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_WorkbookWithoutAFile_SaysWhatIsNeeded()
    {
        var (exit, _, error) = await council.Cli.RunAsync("report", "compliance", "--from", "2026-06", "--to", "2026-11", "--format", "xlsx");

        Assert.Equal(1, exit);
        Assert.Contains("--out", error, StringComparison.Ordinal);
    }

    /// <summary>Every sheet's cells as text (numbers as stored), read back with the Open XML SDK.</summary>
    internal static Dictionary<string, List<string[]>> ReadWorkbook(string path)
    {
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        var workbookPart = document.WorkbookPart!;
        var result = new Dictionary<string, List<string[]>>();
        foreach (var sheet in workbookPart.Workbook.Descendants<Sheet>())
        {
            var part = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
            Assert.NotNull(part.Worksheet.Descendants<Pane>().SingleOrDefault(p => p.State! == PaneStateValues.Frozen));
            var rows = new List<string[]>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var cells = new string[12];
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference!.Value![0] - 'A';
                    cells[column] = cell.DataType?.Value == CellValues.InlineString ? cell.InnerText : cell.CellValue?.Text ?? string.Empty;
                }

                rows.Add(cells.Select(c => c ?? string.Empty).ToArray());
            }

            result[sheet.Name!.Value!] = rows;
        }

        return result;
    }

    private static string[] ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
