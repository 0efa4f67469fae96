using Azure.Data.Tables;
using QaBot.Core.Tracking;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Records kept one partition each (<c>{prefix}{id}</c>) in one table: a header row <c>h</c>, the record's own rows,
/// and its audit trail under <c>a|{ticks}|{guid}</c>. The record's rows must sort after the trail's (after <c>h</c>), so a
/// list reads headers and rows without the trail. Every change is written in one transaction with its trail row.
/// </summary>
internal sealed class TrailedPartitions
{
    public const string Header = "h";
    private const string AuditPrefix = "a|";

    private readonly TableClient _table;
    private readonly string _prefix;

    public TrailedPartitions(TableClient table, string prefix)
    {
        _table = table;
        _prefix = prefix;
    }

    public string Partition(string id) => _prefix + id;

    /// <summary>A trail row for the record: its key orders the trail by time.</summary>
    public static TableEntity AuditRow(string partition, AuditEntry entry) =>
        AuditEntities.Write(partition, AuditPrefix + Keys.Ticks(entry.At) + "|" + Guid.NewGuid().ToString("N"), entry);

    /// <summary>Adds the header, the record's rows and the trail row together; false, writing nothing, when the record is kept already.</summary>
    public Task<bool> AddAsync(TableEntity header, IEnumerable<TableEntity> rows, AuditEntry entry, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, header), new(TableTransactionActionType.Add, AuditRow(header.PartitionKey, entry)) };
        actions.AddRange(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
        return TableQueries.AddTogetherAsync(_table, actions, cancellationToken);
    }

    /// <summary>The record's header and every row of its partition; null when there is no record with that id.</summary>
    public async Task<(TableEntity Header, IReadOnlyList<TableEntity> Rows)?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var rows = await TableQueries.ListAsync(_table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition(id)}"), cancellationToken).ConfigureAwait(false);
        return rows.FirstOrDefault(r => r.RowKey == Header) is { } header ? (header, rows) : null;
    }

    /// <summary>Every record's header and rows (from <paramref name="firstRowKey"/> on, which skips the trail).</summary>
    public async Task<IReadOnlyList<(TableEntity Header, IReadOnlyList<TableEntity> Rows)>> ListAsync(string firstRowKey, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {_prefix} and PartitionKey lt {Keys.UpperBound(_prefix)} and RowKey ge {firstRowKey}");
        var rows = await TableQueries.ListAsync(_table, filter, cancellationToken).ConfigureAwait(false);
        return [.. rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal)
            .Select(g => (Header: g.FirstOrDefault(r => r.RowKey == Header), Rows: (IReadOnlyList<TableEntity>)[.. g]))
            .Where(g => g.Header is not null)
            .Select(g => (g.Header!, g.Rows))];
    }

    /// <summary>
    /// Changes the header once, with its trail row: <paramref name="change"/> returns false (nothing written) when the
    /// header may not change; false too when another change got there first.
    /// </summary>
    public async Task<bool> UpdateHeaderOnceAsync(string id, Func<TableEntity, bool> change, AuditEntry entry, CancellationToken cancellationToken)
    {
        var partition = Partition(id);
        var header = await TableQueries.FindAsync(_table, partition, Header, cancellationToken).ConfigureAwait(false);
        if (header is null || !change(header))
        {
            return false;
        }

        try
        {
            await _table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.UpdateReplace, header, header.ETag), new TableTransactionAction(TableTransactionActionType.Add, AuditRow(partition, entry))],
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>The record's trail, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> TrailAsync(string id, CancellationToken cancellationToken)
    {
        var entities = await TableQueries.ListAsync(_table, TableQueries.Prefix(Partition(id), AuditPrefix), cancellationToken).ConfigureAwait(false);
        return [.. entities.OrderBy(e => e.RowKey, StringComparer.Ordinal).Select(AuditEntities.Read)];
    }
}
