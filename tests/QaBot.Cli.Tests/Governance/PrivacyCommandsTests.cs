using System.Text.Json;
using Azure.Data.Tables;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using QaBot.Demo;
using QaBot.Testing;

namespace QaBot.Cli.Tests.Governance;

[Trait("Category", "Storage")]
public sealed class PrivacyCommandsTests(SeededCouncil council) : IClassFixture<SeededCouncil>, IDisposable
{
    private static readonly string[] Tables = ["Directory", "Items", "Outstanding", "Reminders", "Conversations", "Meetings", "SendLedger", "Scheduler", "Compliance", "Cases", "Governance", "Assurance"];

    private readonly string _folder = Directory.CreateTempSubdirectory("qabot-privacy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private TableClient Table(string name) => new TableServiceClient(Azurite.Instance.ConnectionString).GetTableClient(council.Cli.Prefix + name);

    private async Task<(string Upn, string Name)> MarksAsync(string id)
    {
        var row = (await Table("Directory").GetEntityAsync<TableEntity>("directory", "p|" + id)).Value;
        return (row.GetString("Upn"), row.GetString("DisplayName"));
    }

    /// <summary>Every row of every table, read directly, with whether any key or text property carries the text.</summary>
    private async Task<List<(string Table, TableEntity Row)>> ScanAsync()
    {
        var rows = new List<(string, TableEntity)>();
        foreach (var name in Tables)
        {
            await foreach (var row in Table(name).QueryAsync<TableEntity>())
            {
                rows.Add((name, row));
            }
        }

        return rows;
    }

    private static bool Carries(TableEntity row, string text) =>
        row.PartitionKey.Contains(text, StringComparison.OrdinalIgnoreCase)
        || row.RowKey.Contains(text, StringComparison.OrdinalIgnoreCase)
        || row.Where(p => p.Key != "odata.etag").Select(p => p.Value).OfType<string>().Any(v => v.Contains(text, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task PeopleExport_HoldsEveryRowThatNamesThePersonAndNothingElse()
    {
        var dan = DemoCouncil.KeyPeople.TeamManagerChesterfield.Value;
        var (upn, name) = await MarksAsync(dan);

        // Indexed, then a row written after the pass: the export reads the index's rows and what was written since.
        var (indexExit, indexed, indexError) = await council.Cli.RunAsync("people", "index");
        Assert.True(indexExit == 0, indexError);
        Assert.Contains("Person index: read ", indexed, StringComparison.Ordinal);
        await Table("Governance").UpsertEntityAsync(new TableEntity("looks", "note|after-the-index") { ["Note"] = $"Asked by {name}" });
        var expected = (await ScanAsync())
            .Where(r => Carries(r.Row, dan) || Carries(r.Row, upn) || Carries(r.Row, name))
            .Select(r => $"{r.Table}/{r.Row.PartitionKey}/{r.Row.RowKey}")
            .ToHashSet();

        var (exit, output, error) = await council.Cli.RunWithAsync([new("Cli:Operator", "ig.officer@council.example")], "people", "export", upn, "--out", _folder);

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_folder, dan + ".json")));
        var exported = json.RootElement.GetProperty("tables").EnumerateArray()
            .SelectMany(t => t.GetProperty("records").EnumerateArray().Select(r => $"{t.GetProperty("table").GetString()}/{r.GetProperty("partition").GetString()}/{r.GetProperty("row").GetString()}"))
            .ToList();
        Assert.True(expected.Count > 50, $"the demo's team manager should have a history, not {expected.Count} rows");
        Assert.Equal(exported.Count, exported.Distinct().Count());
        Assert.Equal(expected.Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
        Assert.Equal(upn, json.RootElement.GetProperty("person").GetProperty("upn").GetString());
        Assert.Contains($"{expected.Count:N0} records about {dan}", output, StringComparison.Ordinal);
        Assert.Contains("Read through the person index (complete to ", output, StringComparison.Ordinal);

        using var workbook = SpreadsheetDocument.Open(Path.Combine(_folder, dan + ".xlsx"), false);
        var part = workbook.WorkbookPart!;
        var sheets = part.Workbook.Descendants<Sheet>().ToList();
        Assert.Equal("About", sheets[0].Name!.Value);
        Assert.Contains(sheets, s => s.Name!.Value == "Profile");
        Assert.Contains(sheets, s => s.Name!.Value == "Items and replies");
        var rows = sheets.Skip(1).Sum(s => ((WorksheetPart)part.GetPartById(s.Id!)).Worksheet.Descendants<Row>().Count() - 1);
        Assert.Equal(expected.Count, rows);

        var (_, looks, _) = await council.Cli.RunAsync("audit", "--looks");
        Assert.Contains("subject-access", looks, StringComparison.Ordinal);
        Assert.Contains("person:" + dan, looks, StringComparison.Ordinal);
        Assert.DoesNotContain(name, looks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeopleErase_LeavesNoIdUpnOrNameAnywhereKeepsCountsAndIsAppliedAgainAfterARestore()
    {
        var worker = DemoCouncil.KeyPeople.SocialWorkerChesterfield.Value;
        var (upn, name) = await MarksAsync(worker);
        var (refusedExit, _, refused) = await council.Cli.RunAsync("people", "erase", worker, "--reason", "request");
        Assert.Equal(1, refusedExit);
        Assert.Contains("still active", refused, StringComparison.Ordinal);

        var directory = Table("Directory");
        var record = (await directory.GetEntityAsync<TableEntity>("directory", "p|" + worker)).Value;
        record["Active"] = false;
        record["LeftOn"] = "2026-10-30";
        await directory.UpdateEntityAsync(record, record.ETag);

        // A reminder digest sent to them, in the partition the end of their id chooses.
        const string Run = "run-20261101T090000Z";
        await Table("SendLedger").AddEntityAsync(new TableEntity($"{Run}|{worker[^2..]}", "d|" + worker) { ["Run"] = Run, ["Person"] = worker, ["State"] = "Sent" });
        var (indexExit, _, indexError) = await council.Cli.RunAsync("people", "index");
        Assert.True(indexExit == 0, indexError);
        Assert.Contains(await Table("PersonIndex").QueryAsync<TableEntity>().ToListAsync(), r => Carries(r, worker));
        var before = await ScanAsync();
        Assert.Contains(before, r => Carries(r.Row, worker));
        var compliance = Snapshot(before.Where(r => r.Table == "Compliance"));

        var (exit, output, error) = await council.Cli.RunWithAsync([new("Cli:Operator", "dpo@council.example")], "people", "erase", upn, "--reason", "request");

        Assert.True(exit == 0, error);
        Assert.Contains("counts unchanged", output, StringComparison.Ordinal);
        var after = await ScanAsync();
        Assert.DoesNotContain(after, r => Carries(r.Row, worker) || Carries(r.Row, upn) || Carries(r.Row, name));
        Assert.DoesNotContain(await Table("PersonIndex").QueryAsync<TableEntity>().ToListAsync(), r => Carries(r, worker));
        foreach (var table in Tables.Where(t => t != "Governance"))
        {
            Assert.Equal(before.Count(r => r.Table == table), after.Count(r => r.Table == table));
        }

        Assert.Equal(compliance, Snapshot(after.Where(r => r.Table == "Compliance")));
        var keyed = before.Where(r => r.Table == "Compliance" && Carries(r.Row, worker)).Select(r => (r.Row.PartitionKey, r.Row.RowKey)).ToList();
        Assert.NotEmpty(keyed);
        Assert.All(keyed, key => Assert.False(after.Single(r => r.Table == "Compliance" && (r.Row.PartitionKey, r.Row.RowKey) == key).Row.ContainsKey("Oldest")));
        var pseudonym = after.Single(r => r.Table == "Directory" && r.Row.RowKey.StartsWith("p|", StringComparison.Ordinal) && r.Row.GetString("Upn").EndsWith("@erased.invalid", StringComparison.Ordinal)).Row;
        Assert.False(pseudonym.GetBoolean("Active"));
        var erasedId = pseudonym.RowKey[2..];
        var digest = Assert.Single(after, r => r.Table == "SendLedger" && r.Row.RowKey.StartsWith("d|", StringComparison.Ordinal) && r.Row.GetString("Run") == Run).Row;
        Assert.Equal(($"{Run}|{erasedId[^2..]}", "d|" + erasedId), (digest.PartitionKey, digest.RowKey));

        // A restore from a backup taken before the erasure brings the person's own record back: applied again, it is gone.
        await directory.UpsertEntityAsync(record, TableUpdateMode.Replace);
        var (againExit, again, againError) = await council.Cli.RunAsync("people", "erase", "--reapply");
        Assert.True(againExit == 0, againError);
        Assert.Contains("Applied 1 recorded erasure again.", again, StringComparison.Ordinal);
        Assert.DoesNotContain(await ScanAsync(), r => Carries(r.Row, worker) || Carries(r.Row, upn));
        var (_, settled, _) = await council.Cli.RunAsync("people", "erase", "--reapply");
        Assert.Contains("Every recorded erasure is in place.", settled, StringComparison.Ordinal);
    }

    /// <summary>The rows' keys and values, leaving out an open tally's oldest keys: they name items, whose ids an erasure rewrites.</summary>
    private static List<string> Snapshot(IEnumerable<(string Table, TableEntity Row)> rows) =>
        rows.Select(r => r.Row.PartitionKey + "/" + r.Row.RowKey + ":" + string.Join(";", r.Row.Where(p => p.Key is not ("odata.etag" or "Timestamp" or "Oldest")).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")))
            .Order(StringComparer.Ordinal).ToList();
}
