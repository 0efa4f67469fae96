using Azure;
using Azure.Data.Tables;
using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Governance;
using QaBot.Infrastructure.Storage;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Storage;

/// <summary>
/// Retention of reminders planned and sent, on Azurite: planned reminders of days before the cut-off, and digests last
/// changed before it with their attempts, go; everything else in the two tables stays, the monthly report's ledger too.
/// </summary>
[Trait("Category", "Storage")]
public sealed class ReminderRetentionTests : IAsyncLifetime
{
    private const string OldRun = "run-20260601T080000Z";
    private const string NewRun = "run-20261130T090000Z";
    private static readonly DateTimeOffset Old = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Recent = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LongAgo = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Only reminders are past retention: every other cut-off is long before anything written here.
    private static readonly RetentionCutoffs Cutoffs = new(
        DateOnly.FromDateTime(LongAgo.UtcDateTime), LongAgo, DateOnly.FromDateTime(LongAgo.UtcDateTime), LongAgo, DateOnly.FromDateTime(LongAgo.UtcDateTime),
        new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));

    private const int Changed = 101;

    private readonly StorageContext _storage = new();

    public async Task InitializeAsync()
    {
        await _storage.InitializeAsync();
        for (var n = 1; n <= 3; n++)
        {
            await SendAsync(OldRun, n, Old, attempts: 2);
        }

        for (var n = 4; n <= 5; n++)
        {
            await SendAsync(NewRun, n, Recent, attempts: 1);
        }

        // A digest of the old run changed since the cut-off, in the same partition as person 1's: it stays, attempts too.
        await SendAsync(OldRun, Changed, Recent, attempts: 2);
        Assert.Equal(TableSendLedger.Partition(OldRun, Id(1)), TableSendLedger.Partition(OldRun, Id(Changed)));

        // The monthly report's ledger shares the table, with an UpdatedAt of its own long before the cut-off.
        await _storage.Tables.SendLedger.AddEntityAsync(new TableEntity("report|2026-05", "QA team") { ["State"] = "Sent", ["UpdatedAt"] = Old });
        foreach (var (day, time) in new[] { ("20260601", "20260601080000"), ("20260601", "20260601090000"), ("20260831", "20260831090000"), ("20260901", "20260901090000"), ("20261210", "20261210090000") })
        {
            await _storage.Tables.Reminders.AddEntityAsync(new TableEntity(day, $"{time}|occ-{day}") { ["Owner"] = Id(1).Value });
        }
    }

    public Task DisposeAsync() => _storage.DisposeAsync();

    [Fact]
    public async Task SweepAsync_Preview_CountsWhatIsPastAndRemovesNothing()
    {
        var before = await RowsAsync();

        var counts = await new TableRetentionStore(_storage.Tables).SweepAsync(Cutoffs, remove: false);

        Assert.Equal((3L, 3L), (Count(counts, RetentionKinds.RemindersPlanned), Count(counts, RetentionKinds.RemindersSent)));
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task SweepAsync_Apply_RemovesExactlyWhatIsPastAndChangesNothingTheSecondTime()
    {
        var before = await RowsAsync();
        var past = before.Where(r => (r.StartsWith("SendLedger " + OldRun, StringComparison.Ordinal) && !r.Contains(Id(Changed).Value, StringComparison.Ordinal))
            || r.StartsWith("Reminders 202606", StringComparison.Ordinal) || r.StartsWith("Reminders 20260831", StringComparison.Ordinal)).ToList();
        Assert.Equal(3 * 3 + 3, past.Count);

        var counts = await new TableRetentionStore(_storage.Tables).SweepAsync(Cutoffs, remove: true);

        Assert.Equal((3L, 3L), (Count(counts, RetentionKinds.RemindersPlanned), Count(counts, RetentionKinds.RemindersSent)));
        Assert.Equal(before.Except(past), await RowsAsync());
        Assert.Equal(2, (await _storage.Ledger.ListRunAsync(NewRun)).Count);
        Assert.Equal([Id(Changed)], (await _storage.Ledger.ListRunAsync(OldRun)).Select(r => r.Key.Person));
        Assert.Equal(2, (await _storage.Ledger.GetAttemptsAsync(new DigestKey(OldRun, Id(Changed)))).Count);

        var again = await new TableRetentionStore(_storage.Tables).SweepAsync(Cutoffs, remove: true);

        Assert.All(again, c => Assert.Equal(0, c.Rows));
        Assert.Equal(before.Except(past), await RowsAsync());
    }

    [Fact]
    public async Task SweepAsync_AfterARunStoppedPartWay_FinishesTheDigestsItLeft()
    {
        // The earlier run deleted the first digest's attempts, then stopped before the digest itself.
        foreach (var attempt in new[] { 1, 2 })
        {
            await _storage.Tables.SendLedger.DeleteEntityAsync(TableSendLedger.Partition(OldRun, Id(1)), $"t|{Id(1).Value}|{attempt:D4}", ETag.All);
        }

        var counts = await new TableRetentionStore(_storage.Tables).SweepAsync(Cutoffs, remove: true);

        Assert.Equal(3, Count(counts, RetentionKinds.RemindersSent));
        Assert.Equal(3, (await RowsAsync()).Count(r => r.StartsWith("SendLedger " + OldRun, StringComparison.Ordinal)));
    }

    private async Task SendAsync(string run, int n, DateTimeOffset at, int attempts)
    {
        var queued = new SendRecord(new DigestKey(run, Id(n)), SendState.Pending, 0, null, null, null, [], false, at, at);
        var created = await _storage.Ledger.CreateAsync(queued);
        var sent = queued with { State = SendState.Sent, Attempts = attempts, LastStatusCode = 201, UpdatedAt = at.AddSeconds(attempts) };
        var tried = Enumerable.Range(0, attempts).Select(i => new SendAttempt(at.AddSeconds(i), i + 1 < attempts ? 429 : 201, null, null)).ToList();
        Assert.True((await _storage.Ledger.SaveAsync(sent, created.Version!, tried)).Saved);
    }

    private static long Count(IReadOnlyList<TableCount> counts, string kind) => Assert.Single(counts, c => c.Table == kind).Rows;

    /// <summary>Every row of the two tables as "table partition row".</summary>
    private async Task<List<string>> RowsAsync()
    {
        var rows = new List<string>();
        foreach (var table in new[] { _storage.Tables.SendLedger, _storage.Tables.Reminders })
        {
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                rows.Add($"{_storage.Tables.ShortName(table)} {row.PartitionKey} {row.RowKey}");
            }
        }

        return rows;
    }
}
