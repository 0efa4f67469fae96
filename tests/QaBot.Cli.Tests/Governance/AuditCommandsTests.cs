using Azure.Data.Tables;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using QaBot.Demo;
using QaBot.Testing;

namespace QaBot.Cli.Tests.Governance;

[Trait("Category", "Storage")]
public sealed class AuditCommandsTests(SeededCouncil council) : IClassFixture<SeededCouncil>, IDisposable
{
    private static readonly string Dan = DemoCouncil.KeyPeople.TeamManagerChesterfield.Value;

    private readonly string _folder = Directory.CreateTempSubdirectory("qabot-audit-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private TableClient Table(string name) => new TableServiceClient(Azurite.Instance.ConnectionString).GetTableClient(council.Cli.Prefix + name);

    [Fact]
    public async Task AuditPerson_AgreesWithADirectScanOfEveryAuditRow()
    {
        var expected = 0;
        await foreach (var row in Table("Items").QueryAsync<TableEntity>(e => e.RowKey.CompareTo("a|") >= 0 && e.RowKey.CompareTo("a}") < 0))
        {
            var subject = row.GetString("Subject");
            if (row.GetString("Actor") == "person:" + Dan || subject.Split('.').Skip(2).Contains(Dan))
            {
                expected++;
            }
        }

        await foreach (var row in Table("Directory").QueryAsync<TableEntity>(e => e.PartitionKey == "directory"))
        {
            if (row.RowKey.StartsWith("a|", StringComparison.Ordinal) && (row.GetString("Subject") == "person:" + Dan || row.GetString("Actor") == "person:" + Dan))
            {
                expected++;
            }
        }

        var csv = Path.Combine(_folder, "dan.csv");
        var (exit, output, error) = await council.Cli.RunWithAsync([new("Cli:Operator", "ig.officer@council.example")], "audit", "--person", Dan, "--out", csv);

        Assert.True(exit == 0, error);
        Assert.True(expected > 10, $"the demo's team manager should have a history, not {expected} entries");
        Assert.Contains($"{expected} audit entries for person:{Dan}. Written to {csv}.", output, StringComparison.Ordinal);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("When,Who,Action,Record,Detail,Channel,Reference,Kept in", lines[0]);
        Assert.Equal(expected + 1, lines.Length);
        Assert.Matches(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} 2026 \d{2}:\d{2},", lines[1]);

        var (looksExit, looks, looksError) = await council.Cli.RunWithAsync([new("Cli:Operator", "dpo@council.example")], "audit", "--looks");
        Assert.True(looksExit == 0, looksError);
        Assert.Contains("operator:ig.officer@council.example", looks, StringComparison.Ordinal);
        Assert.Contains($"person:{Dan}", looks, StringComparison.Ordinal);
        Assert.Contains(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), looks, StringComparison.Ordinal);
        Assert.DoesNotContain("dan.mercer", looks, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AuditArea_WritesAWorkbookOfTheAreasEntriesInTheDates()
    {
        var workbook = Path.Combine(_folder, "area.xlsx");
        var (exit, output, error) = await council.Cli.RunAsync("audit", "--area", "Locality: Chesterfield", "--from", "2026-11-01", "--to", "2026-11-20", "--out", workbook);

        Assert.True(exit == 0, error);
        using var document = SpreadsheetDocument.Open(workbook, false);
        var part = document.WorkbookPart!;
        var sheets = part.Workbook.Descendants<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["Audit entries", "About"], sheets);
        var entries = ((WorksheetPart)part.GetPartById(part.Workbook.Descendants<Sheet>().First().Id!)).Worksheet.Descendants<Row>().ToList();
        Assert.True(entries.Count > 1, output);
        Assert.All(entries.Skip(1), r => Assert.Matches(@"^\w{3} ([1-9]|1\d|20) Nov 2026 ", r.Elements<Cell>().First().InnerText));
        Assert.All(entries.Skip(1), r =>
        {
            var cells = r.Elements<Cell>().Select(c => c.InnerText).ToList();
            Assert.Contains("locality-chesterfield", cells[7] == "directory" ? cells[3] : cells[7], StringComparison.Ordinal);
        });
        Assert.Contains(entries.Skip(1), r => r.Elements<Cell>().Last().InnerText.StartsWith("items: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--from", "04/12/2026", "--from '04/12/2026' is not a date: write it as yyyy-MM-dd")]
    [InlineData("--out", "entries.txt", "give a file ending .xlsx or .csv")]
    public async Task Audit_BadOption_SaysWhichAndReadsNothing(string option, string value, string message)
    {
        var (exit, _, error) = await council.Cli.RunAsync("audit", "--item", "x", option, value);

        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
