using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using QaBot.Testing;

namespace QaBot.Cli.Tests.Governance;

/// <summary>The restore drill on the demo council: back up, lose a table, restore it, and find both in the governance log.</summary>
[Trait("Category", "Storage")]
public sealed partial class BackupCommandsTests : IAsyncLifetime
{
    private readonly CliStorage _cli = new(new DateTimeOffset(2026, 12, 4, 1, 30, 0, TimeSpan.Zero));
    private readonly string _container = Azurite.UniqueName("drill");

    private IEnumerable<KeyValuePair<string, string?>> Settings => [new("Backup:Container", _container), new("Cli:Operator", "it.ops@council.example")];

    public async Task InitializeAsync()
    {
        var (exit, _, error) = await _cli.RunAsync("demo", "seed", "--as-of", "2026-11-20");
        Assert.True(exit == 0, error);
    }

    public async Task DisposeAsync()
    {
        await _cli.DeleteTablesAsync();
        await new BlobServiceClient(Azurite.Instance.ConnectionString).GetBlobContainerClient(_container).DeleteIfExistsAsync();
    }

    [Fact]
    public async Task CreateListRestore_LostItemsTable_IsBackRowForRowAndRecorded()
    {
        var (exit, output, error) = await _cli.RunWithAsync(Settings, "backup", "create");
        Assert.True(exit == 0, error);
        var snapshot = SnapshotLine().Match(output);
        Assert.True(snapshot.Success, output);
        Assert.Contains("taken Fri 4 Dec 2026 01:30", output, StringComparison.Ordinal);

        var (listExit, list, _) = await _cli.RunWithAsync(Settings, "backup", "list");
        Assert.Equal(0, listExit);
        Assert.Contains(snapshot.Groups["id"].Value, list, StringComparison.Ordinal);
        Assert.Contains("complete", list, StringComparison.Ordinal);

        var items = new TableServiceClient(Azurite.Instance.ConnectionString).GetTableClient(_cli.Prefix + "Items");
        var before = await items.QueryAsync<TableEntity>(select: ["PartitionKey"]).CountAsync();
        await items.DeleteAsync();

        var (refusedExit, _, refused) = await _cli.RunWithAsync(Settings, "backup", "restore", "--from", snapshot.Groups["id"].Value);
        Assert.Equal(1, refusedExit);
        Assert.Contains("Restore goes into empty tables only", refused, StringComparison.Ordinal);
        Assert.Equal(0, await items.QueryAsync<TableEntity>(select: ["PartitionKey"]).CountAsync());

        var (restoreExit, restored, restoreError) = await _cli.RunWithAsync(Settings, "backup", "restore", "--from", snapshot.Groups["id"].Value, "--table", "Items");
        Assert.True(restoreExit == 0, restoreError);
        Assert.Contains($"Restored {before:N0} rows into 1 tables", restored, StringComparison.Ordinal);
        Assert.Equal(before, await items.QueryAsync<TableEntity>(select: ["PartitionKey"]).CountAsync());

        var (_, looks, _) = await _cli.RunWithAsync(Settings, "audit", "--looks");
        Assert.Contains("backup-create", looks, StringComparison.Ordinal);
        Assert.Contains("backup-restore", looks, StringComparison.Ordinal);
        Assert.Contains("operator:it.ops@council.example", looks, StringComparison.Ordinal);
        Assert.Contains($"snapshot:{snapshot.Groups["id"].Value} table:Items", looks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_LedgerFromBeforeStorageVersion3_ComesBackInPartitionsByRunAndPerson()
    {
        // A reminder run's digest and its attempt as releases before storage version 3 kept them: one partition, the run.
        const string Run = "run-20261101T090000Z";
        const string Person = "4f1c2a9e-7b3d-4e5f-9a8b-1c2d3e4f5a6b";
        var ledger = new TableServiceClient(Azurite.Instance.ConnectionString).GetTableClient(_cli.Prefix + "SendLedger");
        await ledger.AddEntityAsync(new TableEntity(Run, "d|" + Person) { ["Run"] = Run, ["Person"] = Person, ["State"] = "Sent", ["Attempts"] = 1, ["Items"] = "[]", ["CreatedAt"] = DateTimeOffset.UnixEpoch, ["UpdatedAt"] = DateTimeOffset.UnixEpoch });
        await ledger.AddEntityAsync(new TableEntity(Run, $"t|{Person}|0001") { ["StartedAt"] = DateTimeOffset.UnixEpoch, ["StatusCode"] = 201 });
        var (exit, output, error) = await _cli.RunWithAsync(Settings, "backup", "create");
        Assert.True(exit == 0, error);
        await ledger.DeleteAsync();

        var (restoreExit, restored, restoreError) = await _cli.RunWithAsync(Settings, "backup", "restore", "--from", SnapshotLine().Match(output).Groups["id"].Value, "--table", "SendLedger");

        Assert.True(restoreExit == 0, restoreError);
        Assert.Contains("Brought up to date (3. Reminder runs' send ledger entries move into partitions by run and person): Moved 2 send ledger rows of 1 runs", restored, StringComparison.Ordinal);
        var keys = await ledger.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {Run} and PartitionKey lt {Run + "}"}"), select: ["PartitionKey", "RowKey"])
            .Select(e => e.PartitionKey + " " + e.RowKey).ToListAsync();
        Assert.Equal([$"{Run}|6b d|{Person}", $"{Run}|6b t|{Person}|0001"], keys);
    }

    [GeneratedRegex(@"Snapshot (?<id>\d{8}-\d{6}): [\d,]+ rows in 12 tables")]
    private static partial Regex SnapshotLine();
}
