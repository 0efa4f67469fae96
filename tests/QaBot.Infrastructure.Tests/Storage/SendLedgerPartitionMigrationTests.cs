using System.Globalization;
using Azure;
using Azure.Data.Tables;
using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Infrastructure.Storage;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Storage;

/// <summary>
/// Storage version 3 on Azurite: a reminder run's send ledger, written as releases before it did (one partition, the
/// run id), moves into partitions by run and person, and reads the same afterwards.
/// </summary>
[Trait("Category", "Storage")]
public sealed class SendLedgerPartitionMigrationTests : IAsyncLifetime
{
    private const string Run = "run-20261204T090000Z";
    private static readonly DateTimeOffset Queued = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly List<PersonId> People = [.. Enumerable.Range(1, 40).Select(Id)];
    private readonly StorageContext _storage = new();
    private List<string> _written = [];

    public async Task InitializeAsync()
    {
        await _storage.InitializeAsync();
        foreach (var person in People)
        {
            var key = new DigestKey(Run, person);
            var pending = new SendRecord(key, SendState.Pending, 0, null, null, null, [new OccurrenceId("occ-" + person.Value[^4..])], false, Queued, Queued);
            var created = await _storage.Ledger.CreateAsync(pending);
            var sent = pending with { State = SendState.Sent, Attempts = 2, LastStatusCode = 201, ActivityId = "1:" + person.Value, UpdatedAt = Queued.AddSeconds(3) };
            await _storage.Ledger.SaveAsync(sent, created.Version!, [new SendAttempt(Queued.AddSeconds(1), 429, "c1", TimeSpan.FromSeconds(1)), new SendAttempt(Queued.AddSeconds(2), 201, "c2", null)]);
        }

        await _storage.Tables.SendLedger.AddEntityAsync(new TableEntity("report|2026-11", "QA team") { ["SentAt"] = Queued });
        _written = await SnapshotAsync();
        await LayOutAsBeforeVersion3Async();
    }

    public Task DisposeAsync() => _storage.DisposeAsync();

    [Fact]
    public void Partition_SpreadsARunByTheLastTwoDigitsOfThePersonsId()
    {
        Assert.Equal(Run + "|01", TableSendLedger.Partition(Run, Id(1)));
        Assert.Equal(Run + "|40", TableSendLedger.Partition(Run, Id(40)));
        Assert.Equal(Run + "|c3", TableSendLedger.Partition(Run, new PersonId("0f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3ac3")));
    }

    [Fact]
    public async Task ApplyAsync_RunInTheOldLayout_EveryRowInItsNewPartitionAndReadsAsBefore()
    {
        Assert.Empty(await _storage.Ledger.ListRunAsync(Run));

        var step = await new SendLedgerPartitionMigration(_storage.Tables).ApplyAsync(dryRun: false);

        Assert.Equal(People.Count * 3, step.Changed);
        Assert.Equal($"Moved {People.Count * 3} send ledger rows of 1 runs into partitions by run and person.", step.Summary);
        Assert.Equal(_written, await SnapshotAsync());
        Assert.Equal(People.Select(p => p.Value), (await _storage.Ledger.ListRunAsync(Run)).Select(r => r.Key.Person.Value));
        var entry = await _storage.Ledger.GetAsync(new DigestKey(Run, Id(7)));
        Assert.Equal((SendState.Sent, 2, "1:" + Id(7).Value), (entry!.Value.State, entry.Value.Attempts, entry.Value.ActivityId));
        Assert.Equal([429, 201], (await _storage.Ledger.GetAttemptsAsync(new DigestKey(Run, Id(7)))).Select(a => a.StatusCode));
    }

    [Fact]
    public async Task ApplyAsync_ReadingAFewRowsAPage_MovesEveryRowOnce()
    {
        var step = await new SendLedgerPartitionMigration(_storage.Tables, pageSize: 7).ApplyAsync(dryRun: false);

        Assert.Equal(People.Count * 3, step.Changed);
        Assert.Equal(_written, await SnapshotAsync());
    }

    [Fact]
    public async Task ApplyAsync_SecondTime_ChangesNothing()
    {
        var step = new SendLedgerPartitionMigration(_storage.Tables);
        await step.ApplyAsync(dryRun: false);

        var again = await step.ApplyAsync(dryRun: false);

        Assert.Equal(0, again.Changed);
        Assert.Equal("No send ledger entries in the old layout: nothing to do.", again.Summary);
        Assert.Equal(_written, await SnapshotAsync());
    }

    [Fact]
    public async Task ApplyAsync_DryRun_CountsAndWritesNothing()
    {
        var before = await SnapshotAsync();

        var step = await new SendLedgerPartitionMigration(_storage.Tables).ApplyAsync(dryRun: true);

        Assert.Equal(People.Count * 3, step.Changed);
        Assert.StartsWith("Would move 120 send ledger rows of 1 runs", step.Summary, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ApplyAsync_StoppedPartWay_NextRunFinishesAndKeepsACopyWrittenToSince()
    {
        // A run that stopped after copying the first person's rows, before deleting the old ones; the copy of the
        // digest was then updated by a sender.
        var first = Id(1);
        await foreach (var row in _storage.Tables.SendLedger.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Run}")))
        {
            if (SendLedgerPartitionMigration.PersonOf(row.RowKey) == first)
            {
                await _storage.Tables.SendLedger.AddEntityAsync(new TableEntity(row) { PartitionKey = TableSendLedger.Partition(Run, first) });
            }
        }

        var copy = await _storage.Ledger.GetAsync(new DigestKey(Run, first));
        await _storage.Ledger.SaveAsync(copy!.Value with { PossibleDuplicate = true }, copy.Version, []);

        await new SendLedgerPartitionMigration(_storage.Tables).ApplyAsync(dryRun: false);

        Assert.True((await _storage.Ledger.GetAsync(new DigestKey(Run, first)))!.Value.PossibleDuplicate);
        Assert.Equal(People.Count, (await _storage.Ledger.ListRunAsync(Run)).Count);
        Assert.Equal(0, await _storage.Tables.SendLedger.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Run}")).CountAsync());
        Assert.Equal(_written.Count, (await SnapshotAsync()).Count);
    }

    /// <summary>Moves every row of the run into the one partition named by the run id, as releases before version 3 kept it.</summary>
    private async Task LayOutAsBeforeVersion3Async()
    {
        var prefix = Run + "|";
        await foreach (var row in _storage.Tables.SendLedger.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {Run + "}"}")))
        {
            await _storage.Tables.SendLedger.AddEntityAsync(new TableEntity(row) { PartitionKey = Run });
            await _storage.Tables.SendLedger.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All);
        }
    }

    /// <summary>Every row's keys and properties as text, in key order.</summary>
    private async Task<List<string>> SnapshotAsync() =>
        await _storage.Tables.SendLedger.QueryAsync<TableEntity>()
            .Select(e => e.PartitionKey + "/" + e.RowKey + ":" + string.Join(";", e.Keys.Where(k => k is not ("odata.etag" or "Timestamp")).Order(StringComparer.Ordinal).Select(k => k + "=" + Convert.ToString(e[k], CultureInfo.InvariantCulture))))
            .ToListAsync();
}
