using Azure.Data.Tables;
using QaBot.Application.Governance;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// What retention reads and removes in the tables (docs/privacy.md, "How long"). Each kind is one server-side filter
/// over its rows; removal deletes what it finds a page at a time, a hundred rows of a partition together, each delete
/// idempotent, an item's replies and nudges before the item,
/// so a run stopped part-way leaves the item to be found, and finished, by the next. The Compliance table is not read.
/// </summary>
public sealed class TableRetentionStore : IRetentionStore
{
    private readonly StorageTables _tables;

    public TableRetentionStore(StorageTables tables)
    {
        _tables = tables;
    }

    public async Task<IReadOnlyList<TableCount>> SweepAsync(RetentionCutoffs cutoffs, bool remove, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cutoffs);

        // Closed items due before the cut-off ("Due" is yyyy-MM-dd text, so text order is date order).
        var due = Keys.Date(cutoffs.ClosedItemsDueBefore);
        var closed = await TableQueries.ListAsync(_tables.Items, TableClient.CreateQueryFilter(
            $"RowKey ge {"i|"} and RowKey lt {"i}"} and Due lt {due} and Status ne {"Open"} and Status ne {"Rescheduled"}"), cancellationToken).ConfigureAwait(false);
        long history = 0;
        foreach (var item in closed)
        {
            var occurrence = item.RowKey[2..];
            foreach (var kind in new[] { "r|", "n|" })
            {
                var prefix = $"{kind}{occurrence}|";
                foreach (var row in await TableQueries.ListAsync(_tables.Items, TableQueries.Prefix(item.PartitionKey, prefix), cancellationToken).ConfigureAwait(false))
                {
                    history++;
                    if (remove)
                    {
                        await TableQueries.DeleteIfExistsAsync(_tables.Items, row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            if (remove)
            {
                await TableQueries.DeleteIfExistsAsync(_tables.Items, item.PartitionKey, item.RowKey, cancellationToken).ConfigureAwait(false);
            }
        }

        var audit = TableClient.CreateQueryFilter($"RowKey ge {"a|"} and RowKey lt {"a}"} and Kind eq {"audit"} and At lt {cutoffs.AuditBefore}");
        var auditRows = await SweepRowsAsync(_tables.Items, audit, remove, cancellationToken).ConfigureAwait(false)
            + await SweepRowsAsync(_tables.Directory, audit, remove, cancellationToken).ConfigureAwait(false);
        var cases = await SweepRowsAsync(_tables.Cases, TableClient.CreateQueryFilter($"Open eq {false} and ClosedOn lt {Keys.Date(cutoffs.CasesClosedBefore)}"), remove, cancellationToken).ConfigureAwait(false);
        var stale = await SweepRowsAsync(_tables.Conversations, TableClient.CreateQueryFilter($"StaleSince lt {cutoffs.StaleBefore}"), remove, cancellationToken).ConfigureAwait(false);
        var assurance = await SweepAssuranceAsync(cutoffs.QualityAssuranceBefore, remove, cancellationToken).ConfigureAwait(false);
        var planned = await SweepRowsAsync(_tables.Reminders, TableClient.CreateQueryFilter($"PartitionKey lt {ReminderEntities.Partition(cutoffs.RemindersBefore)}"), remove, cancellationToken).ConfigureAwait(false);
        var sent = await SweepSentAsync(cutoffs.RemindersBefore, remove, cancellationToken).ConfigureAwait(false);

        return
        [
            new TableCount(RetentionKinds.ClosedItems, closed.Count),
            new TableCount(RetentionKinds.Replies, history),
            new TableCount(RetentionKinds.Audit, auditRows),
            new TableCount(RetentionKinds.Cases, cases),
            new TableCount(RetentionKinds.Conversations, stale),
            new TableCount(RetentionKinds.QualityAssurance, assurance),
            new TableCount(RetentionKinds.RemindersPlanned, planned),
            new TableCount(RetentionKinds.RemindersSent, sent),
        ];
    }

    /// <summary>
    /// Reviews held before the cut-off, audits closed before it, practice learning days dated before it and programmes of
    /// visits and meetings for years ended before it, each with its audit trail: a review's trail rows go before the
    /// review, an audit's trail and cases before the audit row, a day's or programme's trail and other rows before its
    /// header row, so a stopped run leaves the record to be found.
    /// </summary>
    private async Task<long> SweepAssuranceAsync(DateOnly before, bool remove, CancellationToken cancellationToken)
    {
        var table = _tables.Assurance;
        var reviews = await TableQueries.ListAsync(table, TableClient.CreateQueryFilter(
            $"PartitionKey eq {"review"} and RowKey ge {"r|"} and RowKey lt {"r}"} and HeldOn lt {Keys.Date(before)}"), cancellationToken).ConfigureAwait(false);
        var closedBefore = new DateTimeOffset(before.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var audits = await TableQueries.ListAsync(table, TableClient.CreateQueryFilter(
            $"PartitionKey ge {"audit|"} and PartitionKey lt {"audit}"} and RowKey eq {"h"} and ClosedAt lt {closedBefore}"), cancellationToken).ConfigureAwait(false);
        var days = await TableQueries.ListAsync(table, TableClient.CreateQueryFilter(
            $"PartitionKey ge {"learning-day|"} and PartitionKey lt {"learning-day}"} and RowKey eq {"h"} and Date lt {Keys.Date(before)}"), cancellationToken).ConfigureAwait(false);
        var programmes = await TableQueries.ListAsync(table, TableClient.CreateQueryFilter(
            $"PartitionKey ge {"programme|"} and PartitionKey lt {"programme|" + before.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)} and RowKey eq {"h"}"), cancellationToken).ConfigureAwait(false);
        if (remove)
        {
            foreach (var review in reviews)
            {
                await SweepRowsAsync(table, TableQueries.Prefix(review.PartitionKey, "a|" + review.RowKey[2..] + "|"), remove: true, cancellationToken).ConfigureAwait(false);
                await TableQueries.DeleteIfExistsAsync(table, review.PartitionKey, review.RowKey, cancellationToken).ConfigureAwait(false);
            }

            foreach (var record in audits.Concat(days).Concat(programmes))
            {
                await SweepRowsAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {record.PartitionKey} and RowKey ne {"h"}"), remove: true, cancellationToken).ConfigureAwait(false);
                await TableQueries.DeleteIfExistsAsync(table, record.PartitionKey, record.RowKey, cancellationToken).ConfigureAwait(false);
            }
        }

        return reviews.Count + audits.Count + days.Count + programmes.Count;
    }

    /// <summary>
    /// The send ledger's digests last changed before the cut-off, each with its attempts: a partition's attempts of those
    /// digests go before the digests, so a stopped run leaves each digest to be found, and finished, by the next. The
    /// monthly report's ledger rows in the same table are keyed by channel name (encoded, so never <c>d|</c>), outside
    /// the row key range read.
    /// </summary>
    private async Task<long> SweepSentAsync(DateTimeOffset before, bool remove, CancellationToken cancellationToken)
    {
        var table = _tables.SendLedger;
        var filter = TableClient.CreateQueryFilter($"RowKey ge {"d|"} and RowKey lt {"d}"} and UpdatedAt lt {before}");
        long count = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            count += page.Values.Count;
            if (!remove)
            {
                continue;
            }

            foreach (var partition in page.Values.GroupBy(d => d.PartitionKey, StringComparer.Ordinal))
            {
                var people = partition.Select(d => d.RowKey[2..]).ToHashSet(StringComparer.Ordinal);
                var attempts = (await TableQueries.ListAsync(table, TableQueries.Prefix(partition.Key, "t|"), cancellationToken).ConfigureAwait(false))
                    .Where(a => people.Contains(a.RowKey.Split('|')[1]))
                    .ToList<ITableEntity>();
                await TableQueries.DeleteEachAsync(table, attempts, cancellationToken).ConfigureAwait(false);
                await TableQueries.DeleteEachAsync(table, [.. partition], cancellationToken).ConfigureAwait(false);
            }
        }

        return count;
    }

    /// <summary>The rows <paramref name="filter"/> finds, a page at a time, deleted a hundred of a partition together when <paramref name="remove"/>.</summary>
    private static async Task<long> SweepRowsAsync(TableClient table, string filter, bool remove, CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            count += page.Values.Count;
            if (remove)
            {
                await TableQueries.DeleteEachAsync(table, [.. page.Values], cancellationToken).ConfigureAwait(false);
            }
        }

        return count;
    }
}
