using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using QaBot.Application.Tracking;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Tracked items in the Items table, partitioned by the owner's home area, with a copy of each outstanding item in the
/// Outstanding table and planned reminders in the Reminders table (docs/storage.md). An item and its audit entry, reply
/// or nudge change together in one entity group transaction, conditional on the item's ETag. The Outstanding copy and
/// the reminders are a second, idempotent write, protected by a write-ahead marker (<see cref="IndexMarkers"/>) that
/// <see cref="RepairAsync"/> follows up if a process stops between the two.
/// </summary>
public sealed partial class TableTrackingStore : ITrackingStore
{
    internal const int MaxAttempts = 5;
    private const int MaxBatch = 100;

    /// <summary>A string property holds at most 32K UTF-16 characters; a new items' marker stays well inside it.</summary>
    private const int MaxMarkerChars = 24_000;
    private const int Parallelism = 8;
    private const int MaxReminderWindowDays = 400;

    /// <summary>The most entities the table service returns in one response.</summary>
    private const int MaxPageSize = 1000;

    private static readonly string[] CountFields = ["RowKey", "Area", "Duty"];

    private readonly TableClient _items;
    private readonly TableClient _outstanding;
    private readonly TableClient _reminders;
    private readonly TableClient _compliance;
    private readonly ComplianceCells _cells;
    private readonly TimeProvider _time;
    private readonly ILogger<TableTrackingStore> _logger;

    public TableTrackingStore(StorageTables tables, TimeProvider time, ILogger<TableTrackingStore> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _items = tables.Items;
        _outstanding = tables.Outstanding;
        _reminders = tables.Reminders;
        _compliance = tables.Compliance;
        _cells = new ComplianceCells(tables, time);
        _time = time;
        _logger = logger;
    }

    /// <summary>Called at named points of a write, so tests can stop a write part-way as a crash would.</summary>
    internal Func<string, Task>? FaultPoint { get; set; }

    public async Task<int> AddIfAbsentAsync(IReadOnlyCollection<NewItem> items, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(origin);
        var unique = items.DistinctBy(i => i.Current.Key).ToList();
        foreach (var item in unique)
        {
            item.Validate();
        }

        var added = 0;
        await Parallel.ForEachAsync(
            unique.GroupBy(i => i.Current.Area),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (group, token) =>
            {
                var count = await AddToPartitionAsync(group.ToList(), origin, token).ConfigureAwait(false);
                Interlocked.Add(ref added, count);
            }).ConfigureAwait(false);
        return added;
    }

    public async Task<TrackedItem?> GetAsync(ItemKey key, CancellationToken cancellationToken = default)
    {
        var entity = await TableQueries.FindAsync(_items, ItemEntities.Partition(key.Area), ItemEntities.PrimaryKey(key.Id), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ItemEntities.Read(entity);
    }

    public async Task<ItemUpdateResult> UpdateAsync(ItemKey key, Func<TrackedItem, ItemChange?> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        TrackedItem? latest = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var entity = await TableQueries.FindAsync(_items, ItemEntities.Partition(key.Area), ItemEntities.PrimaryKey(key.Id), cancellationToken).ConfigureAwait(false);
            if (entity is null)
            {
                return new ItemUpdateResult(ItemUpdateStatus.NotFound, null);
            }

            latest = ItemEntities.Read(entity);
            var next = change(latest);
            if (next is null)
            {
                return new ItemUpdateResult(ItemUpdateStatus.Unchanged, latest);
            }

            if (next.After.Id != key.Id || next.After.Area != key.Area || next.After.Version != latest.Version + 1)
            {
                throw new InvalidOperationException($"A change to item {key} must keep its id and area and count its version up by one; use TransferAsync to move items.");
            }

            if (await TryReplaceAsync(latest, entity.ETag, next, cancellationToken).ConfigureAwait(false))
            {
                return new ItemUpdateResult(ItemUpdateStatus.Updated, next.After);
            }

            LogConflict(key.Id.Value, attempt);
        }

        return new ItemUpdateResult(ItemUpdateStatus.Conflict, latest);
    }

    public async Task<IReadOnlyList<TrackedItem>> GetOpenItemsAsync(Person person, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ItemEntities.Partition(person.HomeArea)} and Owner eq {person.Id.Value}");
        var entities = await TableQueries.ListAsync(_outstanding, filter, cancellationToken).ConfigureAwait(false);
        return entities.Select(ItemEntities.Read).ToList();
    }

    public async Task<IReadOnlyList<TrackedItem>> GetSetAsideAsync(AreaId area, DateOnly dueFrom, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ItemEntities.Partition(area)} and Kind eq {"item"} and Status eq {nameof(ItemStatus.NotApplicable)} and Due ge {Keys.Date(dueFrom)}");
        var entities = await TableQueries.ListAsync(_items, filter, cancellationToken).ConfigureAwait(false);
        return entities
            .Select(ItemEntities.Read)
            .OrderBy(i => i.Due)
            .ThenBy(i => i.Id.Value, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IReadOnlyList<TrackedItem>> GetOutstandingAsync(AreaId area, DateOnly dueBefore, CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_outstanding, OutstandingFilter(area, dueBefore), cancellationToken).ConfigureAwait(false);
        return entities
            .Select(ItemEntities.Read)
            .OrderBy(i => i.EffectiveDue)
            .ThenBy(i => i.Area.Value, StringComparer.Ordinal)
            .ThenBy(i => i.Id.Value, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IReadOnlyList<TrackedItem>> GetOutstandingKeptInAsync(AreaId area, DateOnly firstDue, DateOnly lastDue, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ItemEntities.Partition(area)} and RowKey ge {Keys.Date(firstDue)} and RowKey lt {Keys.Date(lastDue.AddDays(1))}");
        var items = new List<TrackedItem>();
        await foreach (var page in _outstanding.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, MaxPageSize), cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            items.AddRange(page.Values.Take(max - items.Count).Select(ItemEntities.Read));
            if (items.Count >= max)
            {
                break;
            }
        }

        return items;
    }

    public async Task<IReadOnlyList<TrackedItem>> GetOutstandingByKeyAsync(AreaId area, IReadOnlyList<OpenKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var partition = ItemEntities.Partition(area);
        var rows = await Task.WhenAll(keys.Select(k => TableQueries.FindAsync(_outstanding, partition, ItemEntities.OutstandingKey(k.Due, k.Item), cancellationToken))).ConfigureAwait(false);
        return rows.OfType<TableEntity>().Select(ItemEntities.Read).ToList();
    }

    public async Task<IReadOnlyList<AreaDutyCount>> CountOutstandingAsync(AreaId area, DateOnly dueBefore, CancellationToken cancellationToken = default)
    {
        var rows = new List<(AreaId, DutyId, DateOnly)>();
        await foreach (var entity in _outstanding.QueryAsync<TableEntity>(OutstandingFilter(area, dueBefore), select: CountFields, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add((AreaId.Parse(entity.Required("Area")), new DutyId(entity.Required("Duty")), DateOnly.ParseExact(entity.RowKey[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        return OverdueSummary.ByAreaAndDuty(rows, area);
    }

    private static string OutstandingFilter(AreaId area, DateOnly dueBefore)
    {
        // One key range: the partitions of the area and everything below it ("A." up to "A/"), rows due before the date.
        var from = ItemEntities.Partition(area);
        var to = Keys.UpperBound(from);
        var before = Keys.Date(dueBefore);
        return TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {to} and RowKey lt {before}");
    }

    public async Task<IReadOnlyList<ReminderDue>> GetDueForReminderAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken = default)
    {
        if (upTo <= after)
        {
            return [];
        }

        var firstDay = DateOnly.FromDateTime(after.UtcDateTime);
        var lastDay = DateOnly.FromDateTime(upTo.UtcDateTime);
        if (lastDay.DayNumber - firstDay.DayNumber > MaxReminderWindowDays)
        {
            throw new ArgumentOutOfRangeException(nameof(after), $"A reminder window may span at most {MaxReminderWindowDays} days.");
        }

        var from = ReminderEntities.InstantKey(after);
        var to = Keys.UpperBound(ReminderEntities.InstantKey(upTo) + Keys.Separator);
        var due = new List<ReminderDue>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            var partition = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            foreach (var entity in await TableQueries.ListAsync(_reminders, TableQueries.Range(partition, from, to), cancellationToken).ConfigureAwait(false))
            {
                var reminder = ReminderEntities.Read(entity);
                if (reminder.RemindAt > after && reminder.RemindAt <= upTo)
                {
                    due.Add(reminder);
                }
            }
        }

        return due.OrderBy(r => r.RemindAt).ThenBy(r => r.Item.Id.Value, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<ItemReply>> GetRepliesAsync(ItemKey key, CancellationToken cancellationToken = default) =>
        (await ReadHistoryAsync(key, 'r', cancellationToken).ConfigureAwait(false)).Select(ItemEntities.ReadReply).ToList();

    public async Task<IReadOnlyList<ItemNudge>> GetNudgesAsync(ItemKey key, CancellationToken cancellationToken = default) =>
        (await ReadHistoryAsync(key, 'n', cancellationToken).ConfigureAwait(false)).Select(ItemEntities.ReadNudge).ToList();

    public async Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(ItemKey key, CancellationToken cancellationToken = default) =>
        (await ReadHistoryAsync(key, 'a', cancellationToken).ConfigureAwait(false)).Select(AuditEntities.Read).ToList();

    public async Task<int> TransferAsync(ItemTransfer transfer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        var partition = ItemEntities.Partition(transfer.FromArea);
        var owner = transfer.From.Value;
        var filter = transfer.Kind == TransferKind.MoveWithOwner
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"i|"} and RowKey lt {"i}"} and Owner eq {owner}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"i|"} and RowKey lt {"i}"} and Owner eq {owner} and (Status eq {nameof(ItemStatus.Open)} or Status eq {nameof(ItemStatus.Rescheduled)})");
        var entities = await TableQueries.ListAsync(_items, filter, cancellationToken).ConfigureAwait(false);

        var moved = 0;
        foreach (var entity in entities)
        {
            if (await TransferOneAsync(entity, transfer, cancellationToken).ConfigureAwait(false))
            {
                moved++;
            }
        }

        LogTransferred(transfer.Kind, moved, transfer.From.Value, transfer.To.Id.Value);
        return moved;
    }

    public async Task<int> RepairAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        var cutoff = _time.GetUtcNow() - olderThan;
        var (tallies, found) = await _cells.ListTalliesAndMarkersAsync(cancellationToken).ConfigureAwait(false);
        var markers = found
            .Select(m => (Table: _compliance, Marker: m))
            .Concat((await TableQueries.ListAsync(_outstanding, TableClient.CreateQueryFilter($"PartitionKey eq {IndexMarkers.LegacyPartition}"), cancellationToken).ConfigureAwait(false))
                .Select(m => (Table: _outstanding, Marker: m)));
        var repaired = 0;
        foreach (var (table, listed) in markers.Where(m => m.Marker.RequiredInstant("CreatedAt") <= cutoff))
        {
            // Claimed before anything is read, so a writer still going finds it changed and recounts its cells after
            // its own write, whichever way round this recount and that write fall.
            if (await ClaimAsync(table, listed, cancellationToken).ConfigureAwait(false) is not { } marker)
            {
                continue;
            }

            var entries = IndexMarkers.Read(marker);
            foreach (var entry in entries)
            {
                var old = entry.OldArea is { } oldArea && entry.OldDue is { } oldDue
                    ? (AreaId.Parse(oldArea), DateOnly.ParseExact(oldDue, "yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : ((AreaId, DateOnly)?)null;
                await FollowUpAsync(new ItemKey(entry.AreaId, entry.Id), old, cancellationToken).ConfigureAwait(false);
                repaired++;
            }

            await _cells.RecountNamedAsync(entries, cancellationToken).ConfigureAwait(false);

            try
            {
                await table.DeleteEntityAsync(marker.PartitionKey, marker.RowKey, marker.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Claimed again by another repair meanwhile, which deletes it.
            }
        }

        if (repaired > 0)
        {
            LogRepaired(repaired);
        }

        var refilled = await _cells.RefillOldestAsync(tallies, cancellationToken).ConfigureAwait(false);
        if (refilled > 0)
        {
            LogRefilled(refilled);
        }

        return repaired;
    }

    /// <summary>
    /// Makes the item's Outstanding row and planned reminders agree with its stored state, for a repair. A reply to the
    /// same item going on meanwhile writes its own follow-ups after its item write, so the item is read again after each
    /// pass and the follow-ups done again, from the newer state, until it reads the same: a follow-up from the state
    /// read first never lands after the live write's and brings back a row it removed.
    /// </summary>
    private async Task FollowUpAsync(ItemKey key, (AreaId Area, DateOnly Due)? old, CancellationToken cancellationToken)
    {
        var current = await GetAsync(key, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            await Fault("repair-read").ConfigureAwait(false);
            await SyncIndexAsync(key.Id, old, current, cancellationToken).ConfigureAwait(false);
            if (current is not null)
            {
                await AddMissingRemindersAsync(current, cancellationToken).ConfigureAwait(false);
            }

            var latest = await GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (latest?.Version == current?.Version)
            {
                return;
            }

            if (attempt == MaxAttempts)
            {
                throw new RequestFailedException(412, $"Item {key.Id} kept changing while its index was repaired; run the repair again.");
            }

            if (current is not null)
            {
                old = Old(current);
            }

            // Reminder rows are keyed by time and id alone: an item gone from this area has moved and keeps them.
            if (current is not null && latest is not null)
            {
                await DeleteRemindersNoLongerPlannedAsync(current, latest, cancellationToken).ConfigureAwait(false);
            }

            current = latest;
        }
    }

    /// <summary>
    /// Marks the marker as taken by a repair, conditional on it being as listed, or as it reads now if a recount has
    /// claimed it since it was listed (its writer recounts, but the index and reminders are still this repair's to
    /// follow up); null when it has gone or another repair has it.
    /// </summary>
    private async Task<TableEntity?> ClaimAsync(TableClient table, TableEntity marker, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                var response = await table.UpdateEntityAsync(IndexMarkers.Claim(marker, IndexMarkers.ByRepair, _time.GetUtcNow()), marker.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                marker.ETag = response.Headers.ETag ?? ETag.All;
                return marker;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                if (ex.Status == 404
                    || await TableQueries.FindAsync(table, marker.PartitionKey, marker.RowKey, cancellationToken).ConfigureAwait(false) is not { } now
                    || now.GetString(IndexMarkers.ClaimedBy) != IndexMarkers.ByRecount)
                {
                    return null;
                }

                marker = now;
            }
        }

        return null;
    }

    private async Task<bool> TransferOneAsync(TableEntity entity, ItemTransfer transfer, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var before = ItemEntities.Read(entity);
            var change = transfer.Kind == TransferKind.MoveWithOwner
                ? ItemTransitions.Move(before, transfer.To.HomeArea, transfer.At, transfer.Actor, transfer.Origin)
                : ItemTransitions.Reassign(before, transfer.To, transfer.At, transfer.Actor, transfer.Origin);
            if (change is null)
            {
                return false;
            }

            var after = change.After;
            if (after.Area == before.Area)
            {
                if (await TryReplaceAsync(before, entity.ETag, change, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }
            }
            else
            {
                var compliance = ComplianceCell.Change(before, after);
                var entry = IndexMarkers.EntryFor(after.Area, after.Id, before.Area, Outstanding(before), ComplianceCells.Names([compliance.Remove, compliance.Add]));
                var markers = new List<TableEntity> { await WriteMarkerAsync(after.Area, [entry], cancellationToken).ConfigureAwait(false) };
                if (compliance.Remove is { } leaving && leaving.Area != after.Area)
                {
                    // The area the item leaves has a marker of its own, so its change too is written only while no
                    // recount of it has claimed the move.
                    markers.Add(await WriteMarkerAsync(leaving.Area, [entry], cancellationToken).ConfigureAwait(false));
                }

                await UpsertRemindersAsync(ReminderEntities.Planned(after).Select(at => ReminderEntities.Write(after, at)), cancellationToken).ConfigureAwait(false);
                await CopyToAsync(before, change, cancellationToken).ConfigureAwait(false);
                try
                {
                    await _items.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException ex) when (ex.Status == 412)
                {
                    // Someone changed the item in its old area after it was copied: copy the fresh state again.
                    LogConflict(before.Id.Value, attempt);
                    foreach (var marker in markers)
                    {
                        await _cells.DeleteMarkerAsync(marker, cancellationToken).ConfigureAwait(false);
                    }

                    var fresh = await TableQueries.FindAsync(_items, entity.PartitionKey, entity.RowKey, cancellationToken).ConfigureAwait(false);
                    if (fresh is null)
                    {
                        return false;
                    }

                    entity = fresh;
                    continue;
                }

                await SyncIndexAsync(after.Id, Old(before), after, cancellationToken).ConfigureAwait(false);
                await DeleteOldHistoryAsync(before, cancellationToken).ConfigureAwait(false);
                await Fault("before-compliance").ConfigureAwait(false);
                await _cells.ApplyAsync(compliance, markers, cancellationToken).ConfigureAwait(false);
                return true;
            }

            LogConflict(before.Id.Value, attempt);
            var latest = await TableQueries.FindAsync(_items, entity.PartitionKey, entity.RowKey, cancellationToken).ConfigureAwait(false);
            if (latest is null)
            {
                return false;
            }

            entity = latest;
        }

        throw new RequestFailedException(412, $"Item {entity.RowKey} kept changing while it was being transferred; run the transfer again.");
    }

    /// <summary>Writes the item's new state and its history into the new area. Idempotent: a repeat overwrites the same rows.</summary>
    private async Task CopyToAsync(TrackedItem before, ItemChange change, CancellationToken cancellationToken)
    {
        var after = change.After;
        var target = ItemEntities.Partition(after.Area);
        var history = new List<TableEntity>();
        foreach (var kind in "rna")
        {
            history.AddRange(await TableQueries.ListAsync(_items, TableQueries.Prefix(ItemEntities.Partition(before.Area), ItemEntities.HistoryPrefix(kind, before.Id)), cancellationToken).ConfigureAwait(false));
        }

        foreach (var chunk in history.Select(h => Copy(h, target)).Chunk(MaxBatch))
        {
            await _items.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken).ConfigureAwait(false);
        }

        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertReplace, ItemEntities.Write(after)) };
        actions.AddRange(ItemEntities.HistoryRows(change).Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
        await _items.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replies and nudges now live in the new area; the old area keeps its audit rows, which are never deleted.</summary>
    private async Task DeleteOldHistoryAsync(TrackedItem before, CancellationToken cancellationToken)
    {
        var partition = ItemEntities.Partition(before.Area);
        foreach (var kind in "rn")
        {
            var rows = await TableQueries.ListAsync(_items, TableQueries.Prefix(partition, ItemEntities.HistoryPrefix(kind, before.Id)), cancellationToken).ConfigureAwait(false);
            foreach (var chunk in rows.Chunk(MaxBatch))
            {
                await _items.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static TableEntity Copy(TableEntity source, string partitionKey)
    {
        var copy = new TableEntity(partitionKey, source.RowKey);
        foreach (var (name, value) in source)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                copy[name] = value;
            }
        }

        return copy;
    }

    /// <summary>
    /// Replaces the item conditionally on <paramref name="etag"/> together with its history rows, then brings the
    /// Outstanding copy and the reminders in line. False when someone else changed the item first.
    /// </summary>
    private async Task<bool> TryReplaceAsync(TrackedItem before, ETag etag, ItemChange change, CancellationToken cancellationToken)
    {
        var after = change.After;
        var beforeReminders = ReminderEntities.Planned(before);
        var afterReminders = ReminderEntities.Planned(after);
        var remindersChange = after.Owner != before.Owner || !beforeReminders.SequenceEqual(afterReminders);
        var compliance = ComplianceCell.Change(before, after);
        var marker = await WriteMarkerAsync(after.Area, [IndexMarkers.EntryFor(after.Area, after.Id, before.Area, Outstanding(before), ComplianceCells.Names([compliance.Remove, compliance.Add]))], cancellationToken).ConfigureAwait(false);
        if (remindersChange)
        {
            await UpsertRemindersAsync(afterReminders.Select(at => ReminderEntities.Write(after, at)), cancellationToken).ConfigureAwait(false);
        }

        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ItemEntities.Write(after), etag),
        };
        actions.AddRange(ItemEntities.HistoryRows(change).Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));

        try
        {
            await _items.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (TableQueries.IsConflict(ex))
        {
            await _cells.DeleteMarkerAsync(marker, cancellationToken).ConfigureAwait(false);
            return false;
        }

        await Fault("after-item-write").ConfigureAwait(false);
        await SyncIndexAsync(after.Id, Old(before), after, cancellationToken).ConfigureAwait(false);
        if (remindersChange)
        {
            await DeleteRemindersNoLongerPlannedAsync(before, after, cancellationToken).ConfigureAwait(false);
        }

        await Fault("before-compliance").ConfigureAwait(false);
        await _cells.ApplyAsync(compliance, [marker], cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Makes the Outstanding table agree with the item's state: removes the row it had (if it moved or closed) and
    /// writes the row it should have (if outstanding). Idempotent.
    /// </summary>
    private async Task SyncIndexAsync(OccurrenceId id, (AreaId Area, DateOnly Due)? old, TrackedItem? current, CancellationToken cancellationToken)
    {
        var keep = current is { IsOutstanding: true } ? (ItemEntities.Partition(current.Area), ItemEntities.OutstandingKey(current)) : ((string, string)?)null;
        if (old is { } o)
        {
            var oldKey = (ItemEntities.Partition(o.Area), ItemEntities.OutstandingKey(o.Due, id));
            if (keep != oldKey)
            {
                await TableQueries.DeleteIfExistsAsync(_outstanding, oldKey.Item1, oldKey.Item2, cancellationToken).ConfigureAwait(false);
            }
        }

        if (current is { IsOutstanding: true })
        {
            await _outstanding.UpsertEntityAsync(ItemEntities.WriteOutstanding(current), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    private static (AreaId Area, DateOnly Due)? Old(TrackedItem before) => before.IsOutstanding ? (before.Area, before.EffectiveDue) : null;

    private static DateOnly? Outstanding(TrackedItem item) => item.IsOutstanding ? item.EffectiveDue : null;

    /// <summary>Writes a marker in the partition of <paramref name="area"/>, an area whose cells the write changes.</summary>
    private async Task<TableEntity> WriteMarkerAsync(AreaId area, IReadOnlyList<IndexMarkers.Entry> entries, CancellationToken cancellationToken)
    {
        var marker = IndexMarkers.Write(area, entries, _time.GetUtcNow());
        var response = await _compliance.AddEntityAsync(marker, cancellationToken).ConfigureAwait(false);
        marker.ETag = response.Headers.ETag ?? throw new InvalidOperationException("The table service did not say the new marker's ETag.");
        await Fault("after-marker").ConfigureAwait(false);
        return marker;
    }

    private static IndexMarkers.Entry MarkerEntry(TrackedItem item) =>
        IndexMarkers.EntryFor(item.Area, item.Id, null, null, ComplianceCells.Names([ComplianceEntry.Of(item)]));

    private Task Fault(string point) => FaultPoint?.Invoke(point) ?? Task.CompletedTask;

    private async Task<int> AddToPartitionAsync(List<NewItem> items, AuditOrigin origin, CancellationToken cancellationToken)
    {
        // Most of a daily run's items were made by an earlier run: leave those out before writing, rather than finding
        // each by a failed transaction (one round trip per item already there).
        var kept = await TableQueries.ExistingAsync(_items, ItemEntities.Partition(items[0].Current.Area), items.Select(i => ItemEntities.PrimaryKey(i.Current.Id)), OccurrenceId.Separator, cancellationToken).ConfigureAwait(false);
        items = items.Where(i => !kept.Contains(ItemEntities.PrimaryKey(i.Current.Id))).ToList();
        var added = 0;
        var chunk = new List<(NewItem Item, List<TableTransactionAction> Actions)>();
        var size = 0;
        var markerChars = 0;
        foreach (var item in items)
        {
            var actions = NewItemActions(item, origin);
            if (actions.Count > MaxBatch)
            {
                throw new InvalidOperationException($"Item {item.Created.Id} has too much history to add in one transaction.");
            }

            // The chunk's write-ahead marker holds one entry per item in a single property, which Table Storage caps.
            var entryChars = EntityValues.Json(MarkerEntry(item.Current)).Length + 1;
            if (size + actions.Count > MaxBatch || markerChars + entryChars > MaxMarkerChars)
            {
                added += await SubmitNewAsync(chunk, cancellationToken).ConfigureAwait(false);
                chunk = [];
                size = 0;
                markerChars = 0;
            }

            chunk.Add((item, actions));
            size += actions.Count;
            markerChars += entryChars;
        }

        if (chunk.Count > 0)
        {
            added += await SubmitNewAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        return added;
    }

    /// <summary>
    /// Adds a batch of new items in one transaction, then their reminders and Outstanding copies. When one of them
    /// already exists the whole transaction fails, so that item is dropped (it is already stored, and its reminders are
    /// whatever its current state plans: never planned again from the state it was first made in) and the rest
    /// submitted again. The write-ahead marker covers the reminders and index rows of the items added, should the
    /// process stop before they are written.
    /// </summary>
    private async Task<int> SubmitNewAsync(List<(NewItem Item, List<TableTransactionAction> Actions)> chunk, CancellationToken cancellationToken)
    {
        var marker = await WriteMarkerAsync(
            chunk[0].Item.Current.Area,
            chunk.Select(c => MarkerEntry(c.Item.Current)).ToList(),
            cancellationToken).ConfigureAwait(false);

        var pending = chunk.ToList();
        var added = 0;
        while (pending.Count > 0)
        {
            try
            {
                await _items.SubmitTransactionAsync(pending.SelectMany(p => p.Actions).ToList(), cancellationToken).ConfigureAwait(false);
                added = pending.Count;
                break;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                var index = FailedItem(pending, ex.FailedTransactionActionIndex);
                if (index < 0)
                {
                    pending = await SubmitOneByOneAsync(pending, cancellationToken).ConfigureAwait(false);
                    added = pending.Count;
                    break;
                }

                pending.RemoveAt(index);
            }
        }

        await Fault("after-items-added").ConfigureAwait(false);
        await UpsertRemindersAsync(pending.Select(p => p.Item.Current).SelectMany(i => ReminderEntities.Planned(i).Select(at => ReminderEntities.Write(i, at))), cancellationToken).ConfigureAwait(false);
        var indexRows = pending.Select(p => p.Item.Current).Where(i => i.IsOutstanding).Select(ItemEntities.WriteOutstanding).Chunk(MaxBatch);
        foreach (var rows in indexRows)
        {
            await _outstanding.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken).ConfigureAwait(false);
        }

        await Fault("before-compliance").ConfigureAwait(false);
        await _cells.ApplyAsync(pending.Select(p => (ComplianceEntry.Of(p.Item.Current), 1)), [marker], cancellationToken).ConfigureAwait(false);
        return added;
    }

    private static int FailedItem(List<(NewItem Item, List<TableTransactionAction> Actions)> pending, int? failedAction)
    {
        if (failedAction is not { } failed)
        {
            return -1;
        }

        var offset = 0;
        for (var i = 0; i < pending.Count; i++)
        {
            if (failed >= offset && failed < offset + pending[i].Actions.Count)
            {
                return i;
            }

            offset += pending[i].Actions.Count;
        }

        return -1;
    }

    /// <summary>Submits each item on its own, returning those that were added (the others already existed).</summary>
    private async Task<List<(NewItem Item, List<TableTransactionAction> Actions)>> SubmitOneByOneAsync(
        List<(NewItem Item, List<TableTransactionAction> Actions)> pending,
        CancellationToken cancellationToken)
    {
        var added = new List<(NewItem Item, List<TableTransactionAction> Actions)>();
        foreach (var item in pending)
        {
            try
            {
                await _items.SubmitTransactionAsync(item.Actions, cancellationToken).ConfigureAwait(false);
                added.Add(item);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                // Already stored: adding is idempotent.
            }
        }

        return added;
    }

    private static List<TableTransactionAction> NewItemActions(NewItem item, AuditOrigin origin)
    {
        var current = item.Current;
        var actions = new List<TableTransactionAction>
        {
            // Only the item itself is added conditionally: its existence is what makes adding idempotent.
            new(TableTransactionActionType.Add, ItemEntities.Write(current)),
            new(TableTransactionActionType.UpsertReplace, ItemEntities.WriteAudit(current.Area, current.Id, 1, ItemTransitions.Created(item.Created, origin))),
        };
        foreach (var change in item.History)
        {
            actions.AddRange(ItemEntities.HistoryRows(change).Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
        }

        return actions;
    }

    /// <summary>The reminder rows the item's earlier state planned and its later state does not (both of the one item).</summary>
    private async Task DeleteRemindersNoLongerPlannedAsync(TrackedItem before, TrackedItem after, CancellationToken cancellationToken)
    {
        foreach (var at in ReminderEntities.Planned(before).Except(ReminderEntities.Planned(after)))
        {
            await TableQueries.DeleteIfExistsAsync(_reminders, ReminderEntities.Partition(at), ReminderEntities.RowKey(at, before.Id), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Adds the item's planned reminders that are missing and leaves those already there: a row with the same key (time
    /// and id) is written by the item's own writes, which may be newer than the state a repair read (a move writes its
    /// reminders, naming the new owner and area, before it moves the item).
    /// </summary>
    private async Task AddMissingRemindersAsync(TrackedItem item, CancellationToken cancellationToken)
    {
        foreach (var at in ReminderEntities.Planned(item))
        {
            try
            {
                await _reminders.AddEntityAsync(ReminderEntities.Write(item, at), cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Written already.
            }
        }
    }

    private async Task UpsertRemindersAsync(IEnumerable<TableEntity> reminders, CancellationToken cancellationToken)
    {
        var batches = reminders
            .GroupBy(r => r.PartitionKey)
            .SelectMany(g => g.DistinctBy(r => r.RowKey).Chunk(MaxBatch))
            .ToList();
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (batch, token) => await _reminders.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), token).ConfigureAwait(false))
            .ConfigureAwait(false);
    }

    private Task<List<TableEntity>> ReadHistoryAsync(ItemKey key, char kind, CancellationToken cancellationToken) =>
        TableQueries.ListAsync(_items, TableQueries.Prefix(ItemEntities.Partition(key.Area), ItemEntities.HistoryPrefix(kind, key.Id)), cancellationToken);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Item {OccurrenceId} changed while being updated (attempt {Attempt}); retrying against fresh state")]
    private partial void LogConflict(string occurrenceId, int attempt);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "{Kind}: {Count} items of person {From} now with person {To}")]
    private partial void LogTransferred(TransferKind kind, int count, string from, string to);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Repaired the Outstanding index for {Count} items left part-written by a process that stopped")]
    private partial void LogRepaired(int count);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Kept the keys of the oldest open items again for {Count} areas")]
    private partial void LogRefilled(int count);
}
