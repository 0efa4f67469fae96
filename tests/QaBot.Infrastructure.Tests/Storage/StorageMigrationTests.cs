using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Compliance;
using QaBot.Application.Governance;
using QaBot.Application.Storage;
using QaBot.Core.Compliance;
using QaBot.Core.Tracking;
using QaBot.Infrastructure.Storage;
using QaBot.Testing.Organisation;
using QaBot.Testing.Storage;

namespace QaBot.Infrastructure.Tests.Storage;

/// <summary>
/// <c>qabot storage migrate</c> on Azurite, over tables laid out as the first release wrote them: index rows beside each
/// item in the Items table, no Outstanding copies and no compliance model.
/// </summary>
[Trait("Category", "Storage")]
public sealed class StorageMigrationTests : IAsyncLifetime
{
    private static readonly ReportMonth Earliest = new(2000, 1);
    private static readonly ReportMonth Latest = new(2099, 12);
    private static readonly Actor Operator = Actor.Operator("it.ops@council.example");
    private static readonly AuditOrigin Origin = new("cli", "storage migrate");

    private readonly StorageContext _storage = new();
    private readonly SyntheticItems _synthetic = SyntheticItems.Create(240);
    private readonly TableGovernanceLog _log;
    private readonly TableStorageVersion _version;
    private int _oldRows;

    public StorageMigrationTests()
    {
        _log = new TableGovernanceLog(_storage.Tables);
        _version = new TableStorageVersion(_storage.Tables);
    }

    public async Task InitializeAsync()
    {
        await _storage.InitializeAsync();
        await _storage.Tracking.AddIfAbsentAsync(_synthetic.Items, TestItems.Origin);
        _oldRows = await LayOutAsTheFirstReleaseDidAsync();
    }

    public Task DisposeAsync() => _storage.DisposeAsync();

    private StorageMigrations Migrations() => new(
        [new OutstandingTableMigration(_storage.Tables), new ComplianceModelMigration(_storage.Compliance, new RebuildCompliance(_storage.Compliance)), new SendLedgerPartitionMigration(_storage.Tables)],
        _version,
        _log,
        new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 18, 0, 0, TimeSpan.Zero)));

    private HashSet<string> OpenItemIds => _synthetic.Items.Select(i => i.Current).Where(i => i.IsOutstanding).Select(i => i.Id.Value).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public async Task MigrateAsync_FirstReleaseTables_OutstandingCopiesOfOpenItemsOnlyOldRowsGoneModelCountedVersionRecorded()
    {
        var itemRowsBefore = await CountAsync(_storage.Tables.Items) - _oldRows;

        var outcome = await Migrations().MigrateAsync(dryRun: false, Operator, Origin);

        Assert.Equal((0, 3), (outcome.From, outcome.To));
        Assert.Equal(0, await CountAsync(_storage.Tables.Items, OutstandingTableMigration.OldIndexRows()));
        Assert.Equal(itemRowsBefore, await CountAsync(_storage.Tables.Items));
        var copies = await _storage.Tables.Outstanding.QueryAsync<TableEntity>(select: ["Occurrence"]).Select(e => e.GetString("Occurrence")).ToListAsync();
        Assert.Equal(OpenItemIds.Order(StringComparer.Ordinal), copies.Order(StringComparer.Ordinal));
        Assert.Equal(OpenItemIds.Count, (await _storage.Tracking.GetOutstandingAsync(_synthetic.Tree.Root!.Id, new DateOnly(2099, 1, 1))).Count);

        var counted = await _storage.Compliance.RecountAsync(Earliest, Latest);
        var stored = (await _storage.Compliance.GetCellsAsync(null, Earliest, Latest)).ToDictionary(c => (c.Area, c.Month));
        Assert.NotEmpty(counted);
        Assert.All(counted, c => Assert.True(c.SameCounts(stored[(c.Area, c.Month)]), $"{c.Area} {c.Month}"));
        Assert.Equal(counted.Count, stored.Count);
        Assert.Equal(
            (await _storage.Compliance.RecountOpenAsync()).Sum(t => t.Duties.Values.Sum(d => d.Values.Sum())),
            (await _storage.Compliance.GetOpenAsync(null)).Sum(t => t.Duties.Values.Sum(d => d.Values.Sum())));

        Assert.Equal(3, await _version.GetAsync());
        var look = Assert.Single(await _log.ListAsync(new AuditPeriod(null, null)));
        Assert.Equal((GovernanceLook.StorageMigrate, "storage version 0 to 3"), (look.Action, look.Asked));
        Assert.Equal(outcome.Changed, look.Count);
    }

    [Fact]
    public async Task EachStep_RunASecondTime_ChangesNothing()
    {
        await Migrations().MigrateAsync(dryRun: false, Operator, Origin);
        var outstanding = await SnapshotAsync(_storage.Tables.Outstanding);
        var compliance = await SnapshotAsync(_storage.Tables.Compliance);

        foreach (var step in Migrations().Steps)
        {
            var again = await step.ApplyAsync(dryRun: false);
            Assert.Equal(0, again.Changed);
        }

        Assert.Equal(outstanding, await SnapshotAsync(_storage.Tables.Outstanding));
        Assert.Equal(compliance, await SnapshotAsync(_storage.Tables.Compliance));
        Assert.Empty((await Migrations().MigrateAsync(dryRun: false, Operator, Origin)).Steps);
    }

    [Fact]
    public async Task MigrateAsync_DryRun_CountsWhatItWouldChangeAndWritesNothing()
    {
        var items = await SnapshotAsync(_storage.Tables.Items);

        var outcome = await Migrations().MigrateAsync(dryRun: true, Operator, Origin);

        Assert.Equal(_oldRows + OpenItemIds.Count, outcome.Steps[0].Changed);
        Assert.Contains($"Would remove {_oldRows:N0} index rows", outcome.Steps[0].Summary, StringComparison.Ordinal);
        Assert.True(outcome.Steps[1].Changed > 0);
        Assert.Equal(items, await SnapshotAsync(_storage.Tables.Items));
        Assert.Equal(0, await CountAsync(_storage.Tables.Outstanding));
        Assert.Equal(0, await CountAsync(_storage.Tables.Compliance));
        Assert.Equal(0, await _version.GetAsync());
        Assert.Empty(await _log.ListAsync(new AuditPeriod(null, null)));
    }

    [Fact]
    public async Task OutstandingStep_StoppedPartWay_NextRunFinishesWithNothingLostOrDoubled()
    {
        // A run that stopped after one area's copies were written and its old rows deleted, and after another area's
        // copies were written but before its old rows went.
        var step = new OutstandingTableMigration(_storage.Tables);
        var partitions = await _storage.Tables.Items.QueryAsync<TableEntity>(OutstandingTableMigration.OldIndexRows(), select: ["PartitionKey"])
            .Select(e => e.PartitionKey).Distinct().Take(2).ToListAsync();
        foreach (var (partition, deleteOld) in partitions.Zip([true, false]))
        {
            var items = await _storage.Tables.Items.QueryAsync<TableEntity>(TableQueries.Prefix(partition, "i|")).Select(ItemEntities.Read).Where(i => i.IsOutstanding).ToListAsync();
            foreach (var item in items)
            {
                await _storage.Tables.Outstanding.UpsertEntityAsync(ItemEntities.WriteOutstanding(item));
            }

            if (deleteOld)
            {
                await foreach (var old in _storage.Tables.Items.QueryAsync<TableEntity>($"PartitionKey eq '{partition}' and ({OutstandingTableMigration.OldIndexRows()})"))
                {
                    await _storage.Tables.Items.DeleteEntityAsync(old.PartitionKey, old.RowKey, ETag.All);
                }
            }
        }

        await step.ApplyAsync(dryRun: false);

        Assert.Equal(0, await CountAsync(_storage.Tables.Items, OutstandingTableMigration.OldIndexRows()));
        var copies = await _storage.Tables.Outstanding.QueryAsync<TableEntity>(select: ["Occurrence"]).Select(e => e.GetString("Occurrence")).ToListAsync();
        Assert.Equal(OpenItemIds.Order(StringComparer.Ordinal), copies.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Adds the first release's two index rows beside every item (a copy at <c>o|{due}|{id}</c> for outstanding ones, a
    /// copy at <c>p|{owner}|{due}|{id}</c> for each), and removes what it did not have: the Outstanding table's rows
    /// and the compliance model. Returns the number of index rows added.
    /// </summary>
    private async Task<int> LayOutAsTheFirstReleaseDidAsync()
    {
        var added = 0;
        await foreach (var row in _storage.Tables.Items.QueryAsync<TableEntity>("RowKey ge 'i|' and RowKey lt 'i}'"))
        {
            var item = ItemEntities.Read(row);
            var encoded = row.RowKey[2..];
            var due = Keys.Date(item.EffectiveDue);
            var keys = item.IsOutstanding ? new[] { $"o|{due}|{encoded}", $"p|{item.Owner.Value}|{due}|{encoded}" } : [$"p|{item.Owner.Value}|{due}|{encoded}"];
            foreach (var key in keys)
            {
                await _storage.Tables.Items.AddEntityAsync(new TableEntity(row) { RowKey = key });
                added++;
            }
        }

        await DeleteAllAsync(_storage.Tables.Outstanding);
        await DeleteAllAsync(_storage.Tables.Compliance);
        return added;
    }

    private static async Task DeleteAllAsync(TableClient table)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All);
        }
    }

    private static async Task<int> CountAsync(TableClient table, string? filter = null) =>
        await table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"]).CountAsync();

    /// <summary>Every row's keys and properties as text, in key order, to compare a table before and after.</summary>
    private static async Task<List<string>> SnapshotAsync(TableClient table) =>
        await table.QueryAsync<TableEntity>()
            .Select(e => e.PartitionKey + "/" + e.RowKey + ":" + string.Join(";", e.Keys.Where(k => k is not ("odata.etag" or "Timestamp")).Order(StringComparer.Ordinal).Select(k => k + "=" + Convert.ToString(e[k], System.Globalization.CultureInfo.InvariantCulture))))
            .ToListAsync();
}
