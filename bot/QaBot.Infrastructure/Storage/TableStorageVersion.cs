using Azure.Data.Tables;
using QaBot.Application.Storage;

namespace QaBot.Infrastructure.Storage;

/// <summary>The storage version in the Scheduler table: partition <c>storage</c>, row <c>version</c>, property <c>Version</c>.</summary>
public sealed class TableStorageVersion : IStorageVersionStore
{
    internal const string Partition = "storage";
    internal const string Row = "version";

    private readonly StorageTables _tables;

    public TableStorageVersion(StorageTables tables)
    {
        _tables = tables;
    }

    public async Task<int> GetAsync(CancellationToken cancellationToken = default)
    {
        var row = await TableQueries.FindAsync(_tables.Scheduler, Partition, Row, cancellationToken).ConfigureAwait(false);
        return row?.GetInt32("Version") ?? 0;
    }

    public async Task SetAsync(int version, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        await _tables.Scheduler.UpsertEntityAsync(new TableEntity(Partition, Row) { ["Version"] = version }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
