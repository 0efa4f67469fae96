using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QaBot.Infrastructure.Storage;
using QaBot.Testing;
using QaBot.Testing.Organisation;
using QaBot.Testing.Storage;

namespace QaBot.Infrastructure.Tests.Governance;

/// <summary>Backup, wipe and restore on Azurite's table and blob services, compared row by row; and a backup that dies part-way.</summary>
[Trait("Category", "Storage")]
public sealed class BlobSnapshotStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 1, 30, 0, TimeSpan.Zero);

    private readonly string _prefix = Azurite.UniqueName("b");
    private readonly string _container = Azurite.UniqueName("snap");
    private readonly TableServiceClient _service = new(Azurite.Instance.ConnectionString);
    private readonly StorageTables _tables;
    private readonly BlobContainerClient _blobs;

    public BlobSnapshotStoreTests()
    {
        _tables = new StorageTables(_service, _prefix);
        _blobs = new BlobServiceClient(Azurite.Instance.ConnectionString).GetBlobContainerClient(_container);
    }

    public async Task InitializeAsync()
    {
        foreach (var table in _tables.All)
        {
            await table.CreateIfNotExistsAsync();
        }

        // Real items with their history, over many partitions.
        var synthetic = SyntheticItems.Create(300);
        await new TableTrackingStore(_tables, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<TableTrackingStore>.Instance)
            .AddIfAbsentAsync(synthetic.Items, TestItems.Origin);

        // Every property type Table Storage has, including values that lose precision in careless formats.
        var typed = new TableEntity("typed", "every-type")
        {
            ["Text"] = "Café | % / ü \u2028 line",
            ["Small"] = int.MinValue,
            ["Large"] = long.MaxValue,
            ["Real"] = 0.1 + 0.2,
            ["Whole"] = 3.0,
            ["Flag"] = true,
            ["At"] = new DateTimeOffset(2026, 3, 29, 0, 59, 59, 999, TimeSpan.Zero).AddTicks(1234),
            ["Id"] = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"),
            ["Bytes"] = new byte[] { 0, 1, 2, 254, 255 },
            ["Empty"] = string.Empty,
        };
        await _tables.Meetings.AddEntityAsync(typed);

        // One partition larger than a transaction, so the restore splits it.
        for (var batch = 0; batch < 3; batch++)
        {
            await _tables.Scheduler.SubmitTransactionAsync(Enumerable.Range(batch * 100, 100)
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("runs", i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)) { ["N"] = i })));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var table in _tables.All)
        {
            await table.DeleteAsync();
        }

        await _blobs.DeleteIfExistsAsync();
    }

    private BlobSnapshotStore Store(StorageTables? tables = null, int pageSize = 50) => new(
        tables ?? _tables,
        new BlobServiceClient(Azurite.Instance.ConnectionString),
        Options.Create(new BackupOptions { Container = _container, PageSize = pageSize }),
        new FakeTimeProvider(Now.AddMinutes(2)));

    private async Task<Dictionary<string, List<TableEntity>>> ReadEverythingAsync()
    {
        var all = new Dictionary<string, List<TableEntity>>();
        foreach (var table in _tables.All)
        {
            var rows = new List<TableEntity>();
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                rows.Add(row);
            }

            all[table.Name] = rows;
        }

        return all;
    }

    [Fact]
    public async Task CreateWipeRestore_GivesIdenticalTablesRowByRow()
    {
        var before = await ReadEverythingAsync();
        var manifest = await Store().CreateAsync("20261204-013000", Now);

        Assert.Equal(before.Values.Sum(r => r.Count), manifest.Rows);
        Assert.Equal(_tables.All.Count, manifest.Tables.Count);
        foreach (var table in _tables.All)
        {
            await table.DeleteAsync();
        }

        var outcome = await Store().RestoreAsync("20261204-013000", null);

        Assert.Null(outcome.Problem);
        Assert.Equal(manifest.Rows, outcome.Rows);
        var after = await ReadEverythingAsync();
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (table, rows) in before)
        {
            Assert.Equal(rows.Count, after[table].Count);
            for (var i = 0; i < rows.Count; i++)
            {
                AssertSameRow(rows[i], after[table][i]);
            }
        }

        var typed = after[_tables.Meetings.Name].Single(r => r.RowKey == "every-type");
        Assert.IsType<long>(typed["Large"]);
        Assert.IsType<double>(typed["Whole"]);
        Assert.IsType<Guid>(typed["Id"]);
        Assert.IsType<DateTimeOffset>(typed["At"]);
        Assert.True(after[_tables.Items.Name].Count > 600, "the items and their audit rows");
    }

    private static void AssertSameRow(TableEntity expected, TableEntity actual)
    {
        Assert.Equal(expected.PartitionKey, actual.PartitionKey);
        Assert.Equal(expected.RowKey, actual.RowKey);
        var names = expected.Keys.Where(k => k is not ("Timestamp" or "odata.etag")).OrderBy(k => k, StringComparer.Ordinal).ToList();
        Assert.Equal(names, actual.Keys.Where(k => k is not ("Timestamp" or "odata.etag")).OrderBy(k => k, StringComparer.Ordinal).ToList());
        foreach (var name in names)
        {
            var (e, a) = (expected[name], actual[name]);
            Assert.True(e?.GetType() == a?.GetType(), $"{expected.PartitionKey}/{expected.RowKey} {name}: {e?.GetType().Name} became {a?.GetType().Name}");
            if (e is byte[] bytes)
            {
                Assert.Equal(bytes, (byte[])a!);
            }
            else
            {
                Assert.Equal(e, a);
            }
        }
    }

    [Fact]
    public async Task Restore_IntoATableWithRows_IsRefusedAndWritesNothing()
    {
        await Store().CreateAsync("s1", Now);
        await _tables.Reminders.DeleteAsync();

        var outcome = await Store().RestoreAsync("s1", null);

        Assert.Contains("Restore goes into empty tables only", outcome.Problem, StringComparison.Ordinal);
        Assert.Contains(_tables.Items.Name, outcome.Problem, StringComparison.Ordinal);
        Assert.Empty(outcome.Restored);
        Assert.False(await _tables.Reminders.QueryAsync<TableEntity>(maxPerPage: 1).AnyAsync());
    }

    [Fact]
    public async Task Restore_OneTable_RestoresOnlyItAndCountsIt()
    {
        var manifest = await Store().CreateAsync("s1", Now);
        await _tables.Scheduler.DeleteAsync();

        var outcome = await Store().RestoreAsync("s1", "scheduler");

        Assert.Null(outcome.Problem);
        var restored = Assert.Single(outcome.Restored);
        Assert.Equal("Scheduler", restored.Table);
        Assert.Equal(300, restored.Rows);
        Assert.Equal(manifest.Tables.Single(t => t.Table == "Scheduler").Rows, restored.Rows);
    }

    [Fact]
    public async Task Restore_AnotherInstallationsSnapshotByFullName_FillsASparePrefix()
    {
        var manifest = await Store().CreateAsync("s1", Now);
        var drill = new StorageTables(_service, Azurite.UniqueName("drill"));
        try
        {
            var outcome = await Store(drill).RestoreAsync($"{_prefix}/s1", null);

            Assert.Null(outcome.Problem);
            Assert.Equal(manifest.Rows, outcome.Rows);
            Assert.Equal(300, await drill.Scheduler.QueryAsync<TableEntity>().CountAsync());
        }
        finally
        {
            foreach (var table in drill.All)
            {
                await table.DeleteAsync();
            }
        }
    }

    [Fact]
    public async Task Restore_FileChangedSinceTheManifest_IsRefused()
    {
        await Store().CreateAsync("s1", Now);
        var blob = _blobs.GetBlobClient($"{_prefix}/s1/Scheduler.jsonl");
        var text = (await blob.DownloadContentAsync()).Value.Content.ToString();
        await blob.UploadAsync(BinaryData.FromString(text.Replace("\"N\":[\"Int32\",5]", "\"N\":[\"Int32\",6]", StringComparison.Ordinal)), overwrite: true);
        await _tables.Scheduler.DeleteAsync();

        var outcome = await Store().RestoreAsync("s1", "Scheduler");

        Assert.Contains("does not match its manifest", outcome.Problem, StringComparison.Ordinal);
        Assert.False(await _service.QueryAsync(t => t.Name == _tables.Scheduler.Name).AnyAsync(), "nothing is created or written");
    }

    [Fact]
    public async Task Restore_UnknownSnapshotOrTable_SaysSo()
    {
        Assert.Contains("There is no snapshot nope", (await Store().RestoreAsync("nope", null)).Problem, StringComparison.Ordinal);
        await Store().CreateAsync("s1", Now);
        Assert.Contains("has no table 'Widgets'", (await Store().RestoreAsync("s1", "Widgets")).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_KilledPartWay_LeavesAnIncompleteSnapshotThatIsNeitherCompleteNorRestorable_AndTheNextRunCompletes()
    {
        // The table service fails on the 8th page read: part of the copy is written, the manifest is not.
        var failing = new FailAfter(8);
        var options = new TableClientOptions();
        options.AddPolicy(failing, HttpPipelinePosition.PerCall);
        var dying = new StorageTables(new TableServiceClient(Azurite.Instance.ConnectionString, options), _prefix);

        await Assert.ThrowsAsync<RequestFailedException>(() => Store(dying, pageSize: 20).CreateAsync("20261204-013000", Now));

        var listed = await Store().ListAsync();
        var partial = Assert.Single(listed);
        Assert.False(partial.IsComplete);
        Assert.True(partial.Files > 0, "some tables were copied before the failure");
        Assert.Contains("is incomplete", (await Store().RestoreAsync("20261204-013000", null)).Problem, StringComparison.Ordinal);

        var manifest = await Store().CreateAsync("20261204-020000", Now.AddMinutes(30));

        listed = await Store().ListAsync();
        Assert.Equal(["20261204-020000", "20261204-013000"], listed.Select(s => s.Snapshot));
        Assert.Equal([true, false], listed.Select(s => s.IsComplete));
        Assert.Equal(manifest.Rows, listed[0].Manifest!.Rows);
        Assert.Equal((await ReadEverythingAsync()).Values.Sum(r => r.Count), manifest.Rows);
    }

    [Fact]
    public async Task Create_SameIdTwice_NeverOverwritesACompleteSnapshot()
    {
        await Store().CreateAsync("s1", Now);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store().CreateAsync("s1", Now));
        Assert.Single(await Store().ListAsync());
    }

    /// <summary>Fails every request to the table service after the first <c>n</c>, as a process killed mid-run would stop.</summary>
    private sealed class FailAfter(int n) : HttpPipelineSynchronousPolicy
    {
        private int _seen;

        public override void OnSendingRequest(HttpMessage message)
        {
            if (Interlocked.Increment(ref _seen) > n)
            {
                throw new RequestFailedException(503, "stopped part-way by the test");
            }
        }
    }
}
