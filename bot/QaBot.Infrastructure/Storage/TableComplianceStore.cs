using Azure.Data.Tables;
using QaBot.Application.Compliance;
using QaBot.Core.Compliance;
using QaBot.Core.Organisation;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// The compliance model in the Compliance table (docs/storage.md). A leader's answer reads one key range: the cells of
/// the area's partitions for the months asked, a few hundred small rows for a whole department and year.
/// </summary>
public sealed class TableComplianceStore : IComplianceStore
{
    private const int Parallelism = 8;

    private readonly TableClient _compliance;
    private readonly TableClient _items;

    public TableComplianceStore(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _compliance = tables.Compliance;
        _items = tables.Items;
    }

    public async Task<IReadOnlyList<ComplianceCell>> GetCellsAsync(AreaId? area, ReportMonth first, ReportMonth last, CancellationToken cancellationToken = default)
    {
        var months = TableClient.CreateQueryFilter($"RowKey ge {ComplianceEntities.RowKey(first)} and RowKey le {ComplianceEntities.RowKey(last)}");
        var filter = area is { } within
            ? TableClient.CreateQueryFilter($"PartitionKey ge {ComplianceEntities.Partition(within)} and PartitionKey lt {Keys.UpperBound(ComplianceEntities.Partition(within))}") + " and " + months
            : months;
        var entities = await TableQueries.ListAsync(_compliance, filter, cancellationToken).ConfigureAwait(false);
        return entities.Select(ComplianceEntities.Read).ToList();
    }

    public async Task<IReadOnlyList<OpenTally>> GetOpenAsync(AreaId? area, CancellationToken cancellationToken = default)
    {
        var open = TableClient.CreateQueryFilter($"RowKey eq {ComplianceEntities.OpenRow}");
        var filter = area is { } within
            ? TableClient.CreateQueryFilter($"PartitionKey ge {ComplianceEntities.Partition(within)} and PartitionKey lt {Keys.UpperBound(ComplianceEntities.Partition(within))}") + " and " + open
            : open;
        var entities = await TableQueries.ListAsync(_compliance, filter, cancellationToken).ConfigureAwait(false);
        return entities.Select(ComplianceEntities.ReadOpen).ToList();
    }

    public async Task<IReadOnlyList<ComplianceCell>> RecountAsync(ReportMonth first, ReportMonth last, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {"i|"} and RowKey lt {"i}"} and Due ge {Keys.Date(first.FirstDay)} and Due le {Keys.Date(last.LastDay)}");
        var items = new List<Core.Tracking.TrackedItem>();
        await foreach (var entity in _items.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items.Add(ItemEntities.Read(entity));
        }

        return ComplianceCell.Recount(items);
    }

    public async Task<IReadOnlyList<OpenTally>> RecountOpenAsync(CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {"i|"} and RowKey lt {"i}"} and (Status eq {nameof(Core.Tracking.ItemStatus.Open)} or Status eq {nameof(Core.Tracking.ItemStatus.Rescheduled)})");
        var items = new List<Core.Tracking.TrackedItem>();
        await foreach (var entity in _items.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items.Add(ItemEntities.Read(entity));
        }

        return OpenTally.Recount(items);
    }

    public async Task ReplaceOpenAsync(IReadOnlyCollection<OpenTally> tallies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        await Parallel.ForEachAsync(
            tallies,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (tally, token) =>
            {
                if (tally.IsEmpty)
                {
                    await TableQueries.DeleteIfExistsAsync(_compliance, ComplianceEntities.Partition(tally.Area), ComplianceEntities.OpenRow, token).ConfigureAwait(false);
                }
                else
                {
                    await _compliance.UpsertEntityAsync(ComplianceEntities.WriteOpen(tally), TableUpdateMode.Replace, token).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
    }

    public async Task ReplaceAsync(IReadOnlyCollection<ComplianceCell> cells, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        await Parallel.ForEachAsync(
            cells,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (cell, token) =>
            {
                if (cell.Duties.Count == 0)
                {
                    await TableQueries.DeleteIfExistsAsync(_compliance, ComplianceEntities.Partition(cell.Area), ComplianceEntities.RowKey(cell.Month), token).ConfigureAwait(false);
                }
                else
                {
                    await _compliance.UpsertEntityAsync(ComplianceEntities.Write(cell), TableUpdateMode.Replace, token).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
    }

    public async Task<ReportMonth?> GetSealedThroughAsync(CancellationToken cancellationToken = default)
    {
        var entity = await TableQueries.FindAsync(_compliance, ComplianceEntities.ModelPartition, ComplianceEntities.SealRow, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ReportMonth.Parse(entity.Required("Through"));
    }

    public async Task SealThroughAsync(ReportMonth month, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var stored = await TableQueries.FindAsync(_compliance, ComplianceEntities.ModelPartition, ComplianceEntities.SealRow, cancellationToken).ConfigureAwait(false);
            if (stored is not null && ReportMonth.Parse(stored.Required("Through")) >= month)
            {
                return;
            }

            var seal = new TableEntity(ComplianceEntities.ModelPartition, ComplianceEntities.SealRow) { ["Through"] = month.ToString() };
            try
            {
                if (stored is null)
                {
                    await _compliance.AddEntityAsync(seal, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _compliance.UpdateEntityAsync(seal, stored.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (Azure.RequestFailedException ex) when (TableQueries.IsConflict(ex))
            {
                // Another run sealed at the same moment: read its seal and go again.
            }
        }
    }
}
