using Azure.Data.Tables;

namespace QaBot.Infrastructure.Storage;

/// <summary>One query of a read of many rows: the table, its place among the tables read, and the filter (null: every row).</summary>
internal sealed record TableScan(TableClient Table, int Order, string? Filter)
{
    /// <summary>
    /// The queries that read every row of <paramref name="reading"/> once, to be run side by side: one per table, and the
    /// tables partitioned by area (Items, Outstanding, Compliance, the bulk of the rows) in up to
    /// <paramref name="pieces"/> ranges of partitions split at the directory's areas, so no table is one long serial
    /// scan. The ranges cover every key whether or not an area is still in the directory.
    /// </summary>
    public static async Task<List<TableScan>> WholeAsync(StorageTables tables, IReadOnlyList<TableClient> reading, int pieces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(reading);
        var splits = await AreaPartitionsAsync(tables, cancellationToken).ConfigureAwait(false);
        var byArea = new[] { tables.Items, tables.Outstanding, tables.Compliance };
        return reading
            .SelectMany((table, order) => (byArea.Contains(table) ? Ranges(splits, pieces) : [null]).Select(range => new TableScan(table, order, range)))
            .ToList();
    }

    /// <summary>The partition key of every area in the directory, in key order.</summary>
    private static async Task<List<string>> AreaPartitionsAsync(StorageTables tables, CancellationToken cancellationToken)
    {
        var partitions = new List<string>();
        await foreach (var row in tables.Directory.QueryAsync<TableEntity>(TableQueries.Prefix(TableDirectoryStore.Partition, TableDirectoryStore.AreaPrefix), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            partitions.Add(row.RowKey[TableDirectoryStore.AreaPrefix.Length..] + Core.Organisation.AreaId.Separator);
        }

        return partitions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Filters for at most <paramref name="pieces"/> consecutive ranges of partition keys, split at evenly spaced keys
    /// among <paramref name="keys"/>, that together cover every key once. No more ranges than are read at once: each
    /// range is a query of its own, and a store that cannot seek to a range (the emulator) reads the table for each.
    /// </summary>
    internal static IReadOnlyList<string?> Ranges(IReadOnlyList<string> keys, int pieces = TablePersonalRecords.DefaultParallelism)
    {
        if (keys.Count == 0 || pieces <= 1)
        {
            return [null];
        }

        pieces = Math.Min(pieces, keys.Count + 1);
        var splits = Enumerable.Range(1, pieces - 1).Select(i => keys[(int)((long)i * keys.Count / pieces)]).Distinct(StringComparer.Ordinal).ToList();

        var ranges = new List<string?> { TableClient.CreateQueryFilter($"PartitionKey lt {splits[0]}") };
        for (var i = 0; i + 1 < splits.Count; i++)
        {
            ranges.Add(TableClient.CreateQueryFilter($"PartitionKey ge {splits[i]} and PartitionKey lt {splits[i + 1]}"));
        }

        ranges.Add(TableClient.CreateQueryFilter($"PartitionKey ge {splits[^1]}"));
        return ranges;
    }
}
