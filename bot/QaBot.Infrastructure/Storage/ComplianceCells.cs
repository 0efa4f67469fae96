using System.Globalization;
using Azure;
using Azure.Data.Tables;
using QaBot.Core.Compliance;
using QaBot.Core.Organisation;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Keeps the Compliance table's cells in step with item writes: each change adds and takes away entries with a
/// read and a write conditional on the cell's ETag (tried again on a clash), and a cell named by a write-ahead marker
/// that a stopped process left behind is recounted from its items, which gives the same answer however often it runs.
/// </summary>
internal sealed class ComplianceCells
{
    private const int MaxAttempts = 8;

    private readonly TableClient _compliance;
    private readonly TableClient _items;

    public ComplianceCells(StorageTables tables)
    {
        _compliance = tables.Compliance;
        _items = tables.Items;
    }

    /// <summary>The key a write-ahead marker names a cell by.</summary>
    public static string Name(AreaId area, ReportMonth month) => $"{area.Value}|{month}";

    public static (AreaId Area, ReportMonth Month) Parse(string name)
    {
        var bar = name.LastIndexOf('|');
        return (AreaId.Parse(name[..bar]), ReportMonth.Parse(name[(bar + 1)..]));
    }

    /// <summary>The cells the entries touch, named for a marker.</summary>
    public static List<string> Names(IEnumerable<ComplianceEntry?> entries) =>
        entries.OfType<ComplianceEntry>().Select(e => Name(e.Area, e.Month)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Applies the changes, one conditional write per cell touched.</summary>
    public async Task ApplyAsync(IEnumerable<(ComplianceEntry Entry, int Sign)> changes, CancellationToken cancellationToken)
    {
        foreach (var group in changes.GroupBy(c => (c.Entry.Area, c.Entry.Month)))
        {
            await UpdateCellAsync(group.Key.Area, group.Key.Month, cell =>
            {
                foreach (var (entry, sign) in group)
                {
                    cell.Apply(entry, sign);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Applies one item change: its old entry out, its new one in.</summary>
    public Task ApplyAsync((ComplianceEntry? Remove, ComplianceEntry? Add) change, CancellationToken cancellationToken)
    {
        var changes = new List<(ComplianceEntry, int)>();
        if (change.Remove is { } remove)
        {
            changes.Add((remove, -1));
        }

        if (change.Add is { } add)
        {
            changes.Add((add, 1));
        }

        return changes.Count == 0 ? Task.CompletedTask : ApplyAsync(changes, cancellationToken);
    }

    /// <summary>Counts the cell again from the items in its area that fell due in its month, and stores that.</summary>
    public async Task RecountAsync(AreaId area, ReportMonth month, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await TableQueries.FindAsync(_compliance, ComplianceEntities.Partition(area), ComplianceEntities.RowKey(month), cancellationToken).ConfigureAwait(false);
            var partition = ItemEntities.Partition(area);
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {"i|"} and RowKey lt {"i}"} and Due ge {Keys.Date(month.FirstDay)} and Due le {Keys.Date(month.LastDay)}");
            var items = (await TableQueries.ListAsync(_items, filter, cancellationToken).ConfigureAwait(false)).Select(ItemEntities.Read);
            var cell = ComplianceCell.Recount(items).SingleOrDefault() ?? new ComplianceCell(area, month);
            if (await TryWriteAsync(cell, stored?.ETag, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new RequestFailedException(412, string.Create(CultureInfo.InvariantCulture, $"The compliance cell {Name(area, month)} kept changing while it was recounted; run the repair again."));
    }

    private async Task UpdateCellAsync(AreaId area, ReportMonth month, Action<ComplianceCell> update, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await TableQueries.FindAsync(_compliance, ComplianceEntities.Partition(area), ComplianceEntities.RowKey(month), cancellationToken).ConfigureAwait(false);
            var cell = stored is null ? new ComplianceCell(area, month) : ComplianceEntities.Read(stored);
            update(cell);
            if (await TryWriteAsync(cell, stored?.ETag, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new RequestFailedException(412, string.Create(CultureInfo.InvariantCulture, $"The compliance cell {Name(area, month)} kept changing while it was updated."));
    }

    /// <summary>Writes the cell if it is still as read (<paramref name="etag"/>; null when it did not exist). False on a clash.</summary>
    private async Task<bool> TryWriteAsync(ComplianceCell cell, ETag? etag, CancellationToken cancellationToken)
    {
        try
        {
            if (etag is not { } read)
            {
                if (!cell.IsEmpty)
                {
                    await _compliance.AddEntityAsync(ComplianceEntities.Write(cell), cancellationToken).ConfigureAwait(false);
                }
            }
            else if (cell.Duties.Count == 0)
            {
                await _compliance.DeleteEntityAsync(ComplianceEntities.Partition(cell.Area), ComplianceEntities.RowKey(cell.Month), read, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _compliance.UpdateEntityAsync(ComplianceEntities.Write(cell), read, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
    }
}
