using System.Globalization;
using Azure;
using Azure.Data.Tables;
using QaBot.Core.Compliance;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Keeps the Compliance table's cells and open tallies in step with item writes: each change adds and takes away
/// entries with one read and one transaction per area, conditional on the ETags read (tried again on a clash), and a
/// cell named by a write-ahead marker that a stopped process left behind is recounted from its items, with its area's
/// open tally, which gives the same answer however often it runs. The write's marker lives in the partition of the area
/// it changes (one in each, for a move) and is deleted by that area's transaction, so the model adds one request to an item update, the
/// read of the cells, over the marker's own delete. A change that closes one of an area's oldest items takes its key out
/// of the open tally's kept keys and reads nothing more; keys that have run short of a page
/// (<see cref="OpenTally.NeedsOldest"/>) are filled again by <see cref="RefillOldestAsync"/>, off the write path, and
/// until then the overdue answer reads that area's page by key range.
/// </summary>
internal sealed class ComplianceCells
{
    private const int MaxAttempts = 8;

    private readonly TableClient _compliance;
    private readonly TableClient _items;
    private readonly TableClient _outstanding;
    private readonly TimeProvider _time;

    public ComplianceCells(StorageTables tables, TimeProvider time)
    {
        _compliance = tables.Compliance;
        _items = tables.Items;
        _outstanding = tables.Outstanding;
        _time = time;
    }

    /// <summary>Reads the Outstanding row keys of the area's oldest open items, as many as a tally keeps.</summary>
    public async Task<List<OpenKey>> ReadOldestAsync(AreaId area, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ItemEntities.Partition(area)} and RowKey ge {Keys.Date(DateOnly.MinValue)} and RowKey lt {Keys.UpperBound(Keys.Date(DateOnly.MaxValue))}");
        var keys = new List<OpenKey>();
        await foreach (var page in _outstanding.QueryAsync<TableEntity>(filter, maxPerPage: OpenTally.OldestKept, select: ["RowKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            keys.AddRange(page.Values.Take(OpenTally.OldestKept - keys.Count).Select(e => ItemEntities.ReadOutstandingKey(e.RowKey)));
            if (keys.Count >= OpenTally.OldestKept)
            {
                break;
            }
        }

        return keys;
    }

    /// <summary>
    /// The open tallies and the write-ahead markers of every area, in one query of the Compliance table (their row keys,
    /// <c>open</c> and <c>pending|…</c>, sort next to each other, after every month's and before the seal's).
    /// </summary>
    public async Task<(List<TableEntity> Tallies, List<TableEntity> Markers)> ListTalliesAndMarkersAsync(CancellationToken cancellationToken)
    {
        var rows = await TableQueries.ListAsync(_compliance, TableClient.CreateQueryFilter(
            $"RowKey ge {ComplianceEntities.OpenRow} and RowKey lt {Keys.UpperBound(IndexMarkers.RowPrefix)}"), cancellationToken).ConfigureAwait(false);
        return (rows.Where(r => r.RowKey == ComplianceEntities.OpenRow).ToList(), rows.Where(r => r.RowKey.StartsWith(IndexMarkers.RowPrefix, StringComparison.Ordinal)).ToList());
    }

    /// <summary>
    /// Fills again the kept keys of each open tally given, as read, that has run short of a page
    /// (<see cref="OpenTally.NeedsOldest"/>): per such area one key-range read of its Outstanding rows and one write of
    /// its tally, conditional on the tally being as read. A tally that changed meanwhile, or whose keys do not agree with
    /// its counts (a write between its item and its cells), is left for the next pass. Returns the number refilled.
    /// </summary>
    public async Task<int> RefillOldestAsync(IEnumerable<TableEntity> tallies, CancellationToken cancellationToken)
    {
        var refilled = 0;
        foreach (var row in tallies)
        {
            var tally = ComplianceEntities.ReadOpen(row);
            var kept = tally.Oldest.ToList();
            if (!tally.NeedsOldest || !tally.FillOldest(await ReadOldestAsync(tally.Area, cancellationToken).ConfigureAwait(false)) || tally.Oldest.SequenceEqual(kept))
            {
                continue;
            }

            try
            {
                await _compliance.UpdateEntityAsync(ComplianceEntities.WriteOpen(tally), row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                refilled++;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Changed by a write since it was read: the next pass looks again.
            }
        }

        return refilled;
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

    /// <summary>
    /// Applies the changes: per area touched, one read of its month cells and open tally together and one transaction
    /// writing those that changed, conditional on the ETags read. A write has a marker in the partition of each area it
    /// changes (two for a move between areas, else one), and each area's transaction deletes that area's marker, or
    /// deletes it on its own when the area has nothing to write, in either case only if it is as written (its ETag), so
    /// no area's change is added once a recount has claimed the write. A marker that a repair has claimed meanwhile
    /// (changed or deleted) may have been counted from the items before or after this write's own, so every cell the
    /// markers name is recounted; a marker is then left to the repair that claimed it, or deleted if a recount claimed it.
    /// </summary>
    public async Task ApplyAsync(IEnumerable<(ComplianceEntry Entry, int Sign)> changes, IReadOnlyList<TableEntity> markers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(markers);
        var outcomes = new Dictionary<TableEntity, MarkerOutcome>();
        foreach (var group in changes.GroupBy(c => c.Entry.Area))
        {
            var own = markers.FirstOrDefault(m => m.PartitionKey == ComplianceEntities.Partition(group.Key));
            var result = await UpdateAreaAsync(group.Key, group.ToList(), own, cancellationToken).ConfigureAwait(false);
            if (own is not null)
            {
                outcomes[own] = result;
            }
        }

        var claimed = false;
        foreach (var marker in markers)
        {
            var outcome = outcomes.GetValueOrDefault(marker, MarkerOutcome.NotTaken);
            if (outcome == MarkerOutcome.NotTaken)
            {
                outcome = await DeleteMarkerAsWrittenAsync(marker, cancellationToken).ConfigureAwait(false);
            }

            claimed |= outcome == MarkerOutcome.Claimed;
        }

        if (claimed)
        {
            await RecountNamedAsync(markers.SelectMany(IndexMarkers.Read), cancellationToken).ConfigureAwait(false);

            foreach (var marker in markers)
            {
                await DeleteIfClaimedByRecountAsync(marker, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Applies one item change, its old entry out and its new one in, and deletes the write's markers.</summary>
    public Task ApplyAsync((ComplianceEntry? Remove, ComplianceEntry? Add) change, IReadOnlyList<TableEntity> markers, CancellationToken cancellationToken)
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

        return ApplyAsync(changes, markers, cancellationToken);
    }

    /// <summary>Deletes a write-ahead marker from the Compliance table, if it is still there, when its write changed nothing.</summary>
    public Task DeleteMarkerAsync(TableEntity marker, CancellationToken cancellationToken) =>
        TableQueries.DeleteIfExistsAsync(_compliance, marker.PartitionKey, marker.RowKey, cancellationToken);

    /// <summary>
    /// Deletes a marker that a recount claimed, as it reads now: everything it covers is done (the item, its index row,
    /// its reminders, and now its cells), and no repair holds it. One a repair claimed, or claims meanwhile, is left
    /// to that repair, whose follow-up of the item may still be going and must be done again if it stops.
    /// </summary>
    private async Task DeleteIfClaimedByRecountAsync(TableEntity marker, CancellationToken cancellationToken)
    {
        if (await TableQueries.FindAsync(_compliance, marker.PartitionKey, marker.RowKey, cancellationToken).ConfigureAwait(false) is not { } stored
            || stored.GetString(IndexMarkers.ClaimedBy) != IndexMarkers.ByRecount)
        {
            return;
        }

        try
        {
            await _compliance.DeleteEntityAsync(stored.PartitionKey, stored.RowKey, stored.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // A repair claimed it meanwhile and deletes it when it has followed it up.
        }
    }

    private async Task<MarkerOutcome> DeleteMarkerAsWrittenAsync(TableEntity marker, CancellationToken cancellationToken)
    {
        try
        {
            // The client answers a delete of a row that is not there with its 404 rather than an exception.
            var response = await _compliance.DeleteEntityAsync(marker.PartitionKey, marker.RowKey, marker.ETag, cancellationToken).ConfigureAwait(false);
            return response.Status == 404 ? MarkerOutcome.Claimed : MarkerOutcome.Deleted;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return MarkerOutcome.Claimed;
        }
    }

    /// <summary>Recounts each cell the markers' entries name, once however many of the entries name it (a bulk add names many items and few cells; a move's two markers carry the same entry).</summary>
    public async Task RecountNamedAsync(IEnumerable<IndexMarkers.Entry> entries, CancellationToken cancellationToken)
    {
        foreach (var (area, month) in entries.SelectMany(e => e.Cells ?? []).Distinct(StringComparer.Ordinal).Select(Parse))
        {
            await RecountAsync(area, month, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Counts the cell again from the items in its area that fell due in its month, and the area's open tally from its
    /// outstanding items, and stores them. Another write in the area may have written its item before the count read it
    /// and still be about to add its change: after each read of the items, the markers of the area's writes still going
    /// are claimed (<see cref="ClaimWritesInFlightAsync"/>), so each of those recounts after its own item write instead.
    /// </summary>
    private async Task RecountAsync(AreaId area, ReportMonth month, CancellationToken cancellationToken)
    {
        var partition = ItemEntities.Partition(area);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await TableQueries.FindAsync(_compliance, ComplianceEntities.Partition(area), ComplianceEntities.RowKey(month), cancellationToken).ConfigureAwait(false);
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {"i|"} and RowKey lt {"i}"} and Due ge {Keys.Date(month.FirstDay)} and Due le {Keys.Date(month.LastDay)}");
            var items = (await TableQueries.ListAsync(_items, filter, cancellationToken).ConfigureAwait(false)).Select(ItemEntities.Read);
            await ClaimWritesInFlightAsync(area, cancellationToken).ConfigureAwait(false);
            var cell = ComplianceCell.Recount(items).SingleOrDefault() ?? new ComplianceCell(area, month);
            if (await TryWriteAsync(cell, stored?.ETag, cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            if (attempt == MaxAttempts)
            {
                throw new RequestFailedException(412, string.Create(CultureInfo.InvariantCulture, $"The compliance cell {Name(area, month)} kept changing while it was recounted; run the repair again."));
            }
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await TableQueries.FindAsync(_compliance, ComplianceEntities.Partition(area), ComplianceEntities.OpenRow, cancellationToken).ConfigureAwait(false);
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {"i|"} and RowKey lt {"i}"} and (Status eq {nameof(ItemStatus.Open)} or Status eq {nameof(ItemStatus.Rescheduled)})");
            var items = (await TableQueries.ListAsync(_items, filter, cancellationToken).ConfigureAwait(false)).Select(ItemEntities.Read);
            await ClaimWritesInFlightAsync(area, cancellationToken).ConfigureAwait(false);
            var tally = OpenTally.Recount(items).SingleOrDefault() ?? new OpenTally(area);
            if (stored is not null && ComplianceEntities.ReadOpen(stored).Same(tally))
            {
                return;
            }

            var action = OpenWrite(tally, stored?.ETag);
            if (action is null)
            {
                return;
            }

            try
            {
                await _compliance.SubmitTransactionAsync([action], cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
            }
        }

        throw new RequestFailedException(412, string.Create(CultureInfo.InvariantCulture, $"The open tally of {area} kept changing while it was recounted; run the repair again."));
    }

    /// <summary>
    /// Reads the area's cells for the months the changes touch and its open tally in one query, and writes them back in
    /// one transaction, which also deletes <paramref name="marker"/>, as written, when given: whether it did, or found it
    /// claimed by a repair (and wrote nothing), or had nothing to write.
    /// </summary>
    private async Task<MarkerOutcome> UpdateAreaAsync(AreaId area, IReadOnlyList<(ComplianceEntry Entry, int Sign)> changes, TableEntity? marker, CancellationToken cancellationToken)
    {
        var partition = ComplianceEntities.Partition(area);
        var months = changes.Select(c => c.Entry.Month).Distinct().ToList();
        var rows = months.Select(ComplianceEntities.RowKey).Append(ComplianceEntities.OpenRow)
            .Select(row => TableClient.CreateQueryFilter($"RowKey eq {row}"));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + " and (" + string.Join(" or ", rows) + ")";
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = (await TableQueries.ListAsync(_compliance, filter, cancellationToken).ConfigureAwait(false)).ToDictionary(e => e.RowKey, StringComparer.Ordinal);
            var actions = new List<TableTransactionAction>();
            foreach (var month in months)
            {
                var entity = stored.GetValueOrDefault(ComplianceEntities.RowKey(month));
                var cell = entity is null ? new ComplianceCell(area, month) : ComplianceEntities.Read(entity);
                foreach (var (entry, sign) in changes.Where(c => c.Entry.Month == month))
                {
                    cell.Apply(entry, sign);
                }

                if (CellWrite(cell, entity?.ETag) is { } action)
                {
                    actions.Add(action);
                }
            }

            var openEntity = stored.GetValueOrDefault(ComplianceEntities.OpenRow);
            var open = openEntity is null ? new OpenTally(area) : ComplianceEntities.ReadOpen(openEntity);
            var openChanged = false;
            foreach (var (entry, sign) in changes)
            {
                openChanged |= open.Apply(entry, sign);
            }

            if (openChanged && OpenWrite(open, openEntity?.ETag) is { } openAction)
            {
                actions.Add(openAction);
            }

            if (actions.Count == 0)
            {
                return MarkerOutcome.NotTaken;
            }

            if (marker is not null)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, marker, marker.ETag));
            }

            try
            {
                await _compliance.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return marker is null ? MarkerOutcome.NotTaken : MarkerOutcome.Deleted;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                if (marker is not null && await MarkerClaimedAsync(marker, ex.FailedTransactionActionIndex, actions.Count - 1, cancellationToken).ConfigureAwait(false))
                {
                    // A repair took the marker as left behind: its recount may have read the items before or after
                    // this write's, so the caller recounts rather than adding the change on top.
                    return MarkerOutcome.Claimed;
                }
            }
        }

        throw new RequestFailedException(412, string.Create(CultureInfo.InvariantCulture, $"The compliance cells of {area} kept changing while they were updated."));
    }

    /// <summary>
    /// Claims the markers in the area's partition that nothing has claimed yet: writes still going that change the
    /// area's cells (every write has a marker in the partition of each area it changes), or left behind and not yet old
    /// enough to repair. A claimed writer adds none of its change and recounts the cells it names after its own item
    /// write, so a count that already holds its item is not added to again. One whose writer has stopped is still
    /// followed up by the repair once it is old enough.
    /// </summary>
    private async Task ClaimWritesInFlightAsync(AreaId area, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ComplianceEntities.Partition(area)} and RowKey ge {IndexMarkers.RowPrefix} and RowKey lt {Keys.UpperBound(IndexMarkers.RowPrefix)}");
        foreach (var marker in await TableQueries.ListAsync(_compliance, filter, cancellationToken).ConfigureAwait(false))
        {
            if (marker.ContainsKey(IndexMarkers.ClaimedAt))
            {
                continue;
            }

            try
            {
                await _compliance.UpdateEntityAsync(IndexMarkers.Claim(marker, IndexMarkers.ByRecount, _time.GetUtcNow()), marker.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Finished (or claimed) meanwhile: its change is in the counts this recount writes only if they were read after it.
            }
        }
    }

    /// <summary>Whether the transaction failed because its last action, the marker's delete, found the marker changed or gone.</summary>
    private async Task<bool> MarkerClaimedAsync(TableEntity marker, int? failedAction, int markerAction, CancellationToken cancellationToken) =>
        failedAction is { } failed
            ? failed == markerAction
            : await TableQueries.FindAsync(_compliance, marker.PartitionKey, marker.RowKey, cancellationToken).ConfigureAwait(false) is not { } stored
                || stored.ETag != marker.ETag;

    private static TableTransactionAction? CellWrite(ComplianceCell cell, ETag? etag) =>
        etag is not { } read
            ? cell.IsEmpty ? null : new TableTransactionAction(TableTransactionActionType.Add, ComplianceEntities.Write(cell))
            : cell.Duties.Count == 0
                ? new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(ComplianceEntities.Partition(cell.Area), ComplianceEntities.RowKey(cell.Month)), read)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, ComplianceEntities.Write(cell), read);

    private static TableTransactionAction? OpenWrite(OpenTally tally, ETag? etag) =>
        etag is not { } read
            ? tally.IsEmpty ? null : new TableTransactionAction(TableTransactionActionType.Add, ComplianceEntities.WriteOpen(tally))
            : tally.IsEmpty
                ? new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(ComplianceEntities.Partition(tally.Area), ComplianceEntities.OpenRow), read)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, ComplianceEntities.WriteOpen(tally), read);

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

    private enum MarkerOutcome
    {
        /// <summary>No transaction of this write deleted the marker.</summary>
        NotTaken,

        /// <summary>Deleted as written, with the counts.</summary>
        Deleted,

        /// <summary>Changed or deleted by a repair before this write's counts were written.</summary>
        Claimed,
    }
}
