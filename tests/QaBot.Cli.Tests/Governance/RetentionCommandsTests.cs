using Azure.Data.Tables;
using QaBot.Demo;
using QaBot.Testing;

namespace QaBot.Cli.Tests.Governance;

[Trait("Category", "Storage")]
public sealed class RetentionCommandsTests(SeededCouncil council) : IClassFixture<SeededCouncil>
{
    // Six years on from the demo's history: items due before 1 Sep 2026 are past the default six years; no audit entry is past seven.
    private const string AsOf = "2032-09-01";

    private TableClient Table(string name) => new TableServiceClient(Azurite.Instance.ConnectionString).GetTableClient(council.Cli.Prefix + name);

    private async Task<List<TableEntity>> RowsAsync(string table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table(table).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    private static string Describe(TableEntity row) =>
        row.PartitionKey + "/" + row.RowKey + ":" + string.Join(";", row.Where(p => p.Key is not ("odata.etag" or "Timestamp")).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    [Fact]
    public async Task RetentionApply_RemovesExactlyWhatIsPastItsPeriodResumesAfterAStopAndChangesNothingTheSecondTime()
    {
        var items = await RowsAsync("Items");
        var past = items.Where(r => r.RowKey.StartsWith("i|", StringComparison.Ordinal)
                && string.CompareOrdinal(r.GetString("Due"), "2026-09-01") < 0
                && r.GetString("Status") is not ("Open" or "Rescheduled"))
            .Select(r => (r.PartitionKey, Occurrence: r.RowKey[2..]))
            .ToHashSet();
        bool Removed(TableEntity r) => r.RowKey.Length > 2 && r.RowKey[0] is 'i' or 'r' or 'n' && r.RowKey[1] == '|'
            && past.Contains((r.PartitionKey, r.RowKey[0] == 'i' ? r.RowKey[2..] : r.RowKey[2..r.RowKey.LastIndexOf('|')]));
        var kept = items.Where(r => !Removed(r)).Select(Describe).Order(StringComparer.Ordinal).ToList();
        var compliance = (await RowsAsync("Compliance")).Select(Describe).Order(StringComparer.Ordinal).ToList();
        Assert.True(past.Count > 100, $"the demo should have closed items from June to August, not {past.Count}");
        Assert.Contains(items, r => r.RowKey.StartsWith("i|", StringComparison.Ordinal) && string.CompareOrdinal(r.GetString("Due"), "2026-09-01") >= 0);

        var (previewExit, preview, previewError) = await council.Cli.RunAsync("retention", "preview", "--as-of", AsOf);
        Assert.True(previewExit == 0, previewError);
        Assert.Matches($@"closed items\s+{past.Count:N0}\b", preview);
        Assert.Equal(items.Count, (await RowsAsync("Items")).Count);

        // A run that stopped part-way: one item's replies already gone, the item itself left for the next run.
        var (partition, occurrence) = past.First();
        foreach (var reply in items.Where(r => r.PartitionKey == partition && r.RowKey.StartsWith($"r|{occurrence}|", StringComparison.Ordinal)))
        {
            await Table("Items").DeleteEntityAsync(reply.PartitionKey, reply.RowKey);
        }

        var leaver = DemoCouncil.KeyPeople.ElectedMember.Value;
        var directory = Table("Directory");
        var record = (await directory.GetEntityAsync<TableEntity>("directory", "p|" + leaver)).Value;
        record["Active"] = false;
        record["LeftOn"] = "2026-01-30";
        await directory.UpdateEntityAsync(record, record.ETag);

        var (exit, output, error) = await council.Cli.RunWithAsync([new("Cli:Operator", "ig.officer@council.example")], "retention", "apply", "--as-of", AsOf);

        Assert.True(exit == 0, error);
        Assert.Matches($@"closed items\s+{past.Count:N0}\b", output);
        Assert.Matches(@"leavers pseudonymised\s+1\b", output);
        Assert.Matches(@"audit entries\s+0\b", output);
        var after = await RowsAsync("Items");
        Assert.DoesNotContain(after, Removed);
        Assert.Equal(kept.Count, after.Count);
        Assert.Equal(compliance, (await RowsAsync("Compliance")).Select(Describe).Order(StringComparer.Ordinal).ToList());
        Assert.DoesNotContain(await RowsAsync("Directory"), r => r.RowKey.Contains(leaver, StringComparison.Ordinal));

        var (againExit, again, againError) = await council.Cli.RunAsync("retention", "apply", "--as-of", AsOf);
        Assert.True(againExit == 0, againError);
        Assert.Contains("Removed or pseudonymised 0;", again, StringComparison.Ordinal);
        Assert.Equal(after.Select(Describe).Order(StringComparer.Ordinal), (await RowsAsync("Items")).Select(Describe).Order(StringComparer.Ordinal));

        var (_, looks, _) = await council.Cli.RunAsync("audit", "--looks");
        Assert.Contains("retention-apply", looks, StringComparison.Ordinal);
        Assert.Contains("closed items as of 2032-09-01", looks, StringComparison.Ordinal);
    }
}
