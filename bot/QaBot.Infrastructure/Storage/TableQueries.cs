using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;

namespace QaBot.Infrastructure.Storage;

/// <summary>Small helpers over <see cref="TableClient"/>: every filter is built with <see cref="TableClient.CreateQueryFilter(FormattableString)"/>.</summary>
internal static class TableQueries
{
    public static string Range(string partitionKey, string rowKeyFrom, string rowKeyTo) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {rowKeyFrom} and RowKey lt {rowKeyTo}");

    public static string Prefix(string partitionKey, string rowKeyPrefix) =>
        Range(partitionKey, rowKeyPrefix, Keys.UpperBound(rowKeyPrefix));

    public static async Task<List<TableEntity>> ListAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var list = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(entity);
        }

        return list;
    }

    public static async Task<TableEntity?> FindAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The table service allows 15 comparisons in one filter: the partition and 14 row keys.</summary>
    public const int RowKeysPerFilter = 14;

    /// <summary>
    /// Point reads of several rows of one partition in as few queries as the service allows: one query per
    /// <see cref="RowKeysPerFilter"/> row keys. Returns the rows that exist.
    /// </summary>
    public static async Task<List<TableEntity>> FindManyAsync(TableClient table, string partitionKey, IEnumerable<string> rowKeys, CancellationToken cancellationToken)
    {
        var found = new List<TableEntity>();
        foreach (var filter in KeyFilters(partitionKey, rowKeys))
        {
            found.AddRange(await ListAsync(table, filter, cancellationToken).ConfigureAwait(false));
        }

        return found;
    }

    /// <summary>Filters for the rows of one partition with the given keys, <see cref="RowKeysPerFilter"/> to a filter.</summary>
    private static IEnumerable<string> KeyFilters(string partitionKey, IEnumerable<string> rowKeys) =>
        rowKeys.Distinct(StringComparer.Ordinal).Chunk(RowKeysPerFilter).Select(chunk =>
            TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}") + " and (" +
            string.Join(" or ", chunk.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}"))) + ")");

    /// <summary>How many point reads <see cref="FindEachAsync"/> keeps in flight at once.</summary>
    private const int PointReadsAtOnce = 16;

    /// <summary>
    /// Point reads of rows anywhere in the table, several at once; returns the rows that exist. Rows of different
    /// partitions, or a few rows of a large one, are cheaper read this way than by a filter naming them: the table
    /// service answers such a filter by scanning (the whole partition, for row keys joined by <c>or</c>).
    /// </summary>
    public static async Task<List<TableEntity>> FindEachAsync(TableClient table, IEnumerable<(string PartitionKey, string RowKey)> keys, CancellationToken cancellationToken)
    {
        var found = new ConcurrentBag<TableEntity>();
        await Parallel.ForEachAsync(
            keys.Distinct(),
            new ParallelOptions { MaxDegreeOfParallelism = PointReadsAtOnce, CancellationToken = cancellationToken },
            async (key, token) =>
            {
                if (await FindAsync(table, key.PartitionKey, key.RowKey, token).ConfigureAwait(false) is { } entity)
                {
                    found.Add(entity);
                }
            }).ConfigureAwait(false);
        return [.. found];
    }

    /// <summary>
    /// Which of <paramref name="rowKeys"/> exist in the partition, reading only keys. Keys that share their part before
    /// <paramref name="separator"/> are read as one range, from the least of them to the greatest (the other rows in
    /// it come back too and are ignored), with as many ranges and single keys to a query as the service allows: a
    /// day's worth of keys of the same kinds, differing in their later parts, then takes a few queries rather than
    /// one per <see cref="RowKeysPerFilter"/> keys.
    /// </summary>
    public static async Task<HashSet<string>> ExistingAsync(TableClient table, string partitionKey, IEnumerable<string> rowKeys, char separator, CancellationToken cancellationToken)
    {
        var asked = rowKeys.ToHashSet(StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var filter in RangeFilters(partitionKey, asked, separator))
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (asked.Contains(entity.RowKey))
                {
                    found.Add(entity.RowKey);
                }
            }
        }

        return found;
    }

    /// <summary>Filters for the key ranges <see cref="ExistingAsync"/> reads: a single key costs one of the filter's comparisons, a range two.</summary>
    internal static IEnumerable<string> RangeFilters(string partitionKey, IEnumerable<string> rowKeys, char separator)
    {
        var ranges = rowKeys
            .GroupBy(k => k.IndexOf(separator, StringComparison.Ordinal) is var at and >= 0 ? k[..at] : k, StringComparer.Ordinal)
            .Select(g => (First: g.Min(StringComparer.Ordinal)!, Last: g.Max(StringComparer.Ordinal)!))
            .OrderBy(r => r.First, StringComparer.Ordinal);
        var parts = new List<string>();
        var comparisons = 0;
        foreach (var (first, last) in ranges)
        {
            var cost = first == last ? 1 : 2;
            if (comparisons + cost > RowKeysPerFilter)
            {
                yield return Filter();
                parts.Clear();
                comparisons = 0;
            }

            parts.Add(first == last
                ? TableClient.CreateQueryFilter($"RowKey eq {first}")
                : "(" + TableClient.CreateQueryFilter($"RowKey ge {first} and RowKey le {last}") + ")");
            comparisons += cost;
        }

        if (parts.Count > 0)
        {
            yield return Filter();
        }

        string Filter() => TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}") + " and (" + string.Join(" or ", parts) + ")";
    }

    /// <summary>
    /// True when a write conditional on what was read found the record changed, created or deleted meanwhile: 409, 412,
    /// or 404 for the entity (an update of one that is gone). A missing table is a 404 too, but an infrastructure
    /// failure, not a conflict.
    /// </summary>
    public static bool IsConflict(RequestFailedException ex) =>
        ex.Status is 409 or 412 || (ex.Status == 404 && ex.ErrorCode == TableErrorCode.ResourceNotFound.ToString());

    /// <summary>Deletes an entity if it is there; a missing entity is not an error.</summary>
    public static async Task DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone: deleting is idempotent.
        }
    }

    /// <summary>
    /// Deletes rows, a hundred of a partition to a transaction; rows already gone (another run removed them first)
    /// are not an error: that transaction's rows are then deleted one by one.
    /// </summary>
    public static async Task DeleteEachAsync(TableClient table, IReadOnlyCollection<ITableEntity> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var batch in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxTransaction)))
        {
            try
            {
                await table.SubmitTransactionAsync(
                    batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                foreach (var row in batch)
                {
                    await DeleteIfExistsAsync(table, row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>The most actions the table service takes in one transaction.</summary>
    public const int MaxTransaction = 100;

    /// <summary>
    /// Submits <paramref name="actions"/> as one transaction: true when written; false, writing nothing, when an entity
    /// one of them adds is already kept (a second submission of the same record).
    /// </summary>
    public static async Task<bool> AddTogetherAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}
