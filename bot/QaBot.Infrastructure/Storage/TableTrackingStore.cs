using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Tracked items in the Items table, partitioned by the owner's home area (see <see cref="ItemEntities"/>), with
/// planned reminders in the Reminders table (see <see cref="ReminderEntities"/>). An item, its index copies, its audit
/// entry and any reply or nudge always change together in one entity group transaction, conditional on the item's
/// ETag.
/// </summary>
public sealed partial class TableTrackingStore : ITrackingStore
{
    internal const int MaxAttempts = 5;
    private const int MaxBatch = 100;
    private const int Parallelism = 8;
    private const int MaxReminderWindowDays = 400;

    private readonly TableClient _items;
    private readonly TableClient _reminders;
    private readonly ILogger<TableTrackingStore> _logger;

    public TableTrackingStore(StorageTables tables, ILogger<TableTrackingStore> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _items = tables.Items;
        _reminders = tables.Reminders;
        _logger = logger;
    }

    public async Task<int> AddIfAbsentAsync(IReadOnlyCollection<NewItem> items, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(origin);
        var unique = items.DistinctBy(i => i.Current.Key).ToList();
        foreach (var item in unique)
        {
            item.Validate();
        }

        // Reminders first: if the process stops between the two writes, a reminder is left as a hint, never lost.
        await UpsertRemindersAsync(unique.Select(i => i.Current).SelectMany(i => ReminderEntities.Planned(i).Select(at => ReminderEntities.Write(i, at))), cancellationToken).ConfigureAwait(false);

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
        var filter = TableQueries.Prefix(ItemEntities.Partition(person.HomeArea), ItemEntities.OwnerPrefix(person.Id));
        var entities = await TableQueries.ListAsync(_items, filter, cancellationToken).ConfigureAwait(false);
        return entities.Select(ItemEntities.Read).ToList();
    }

    public Task<IReadOnlyList<TrackedItem>> GetOverdueAsync(AreaTree areas, AreaId area, DateOnly asOf, CancellationToken cancellationToken = default) =>
        GetOutstandingAsync(areas, area, asOf, cancellationToken);

    public async Task<IReadOnlyList<TrackedItem>> GetOutstandingAsync(AreaTree areas, AreaId area, DateOnly dueBefore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(areas);
        var partitions = areas.Subtree(area).Select(a => a.Id).ToList();
        if (partitions.Count == 0 && areas.Find(area) is not null)
        {
            partitions.Add(area);
        }

        var found = new ConcurrentBag<TrackedItem>();
        await Parallel.ForEachAsync(
            partitions,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (partition, token) =>
            {
                var filter = TableQueries.Range(ItemEntities.Partition(partition), "o|", "o|" + Keys.Date(dueBefore));
                foreach (var entity in await TableQueries.ListAsync(_items, filter, token).ConfigureAwait(false))
                {
                    found.Add(ItemEntities.Read(entity));
                }
            }).ConfigureAwait(false);

        return found
            .OrderBy(i => i.EffectiveDue)
            .ThenBy(i => i.Area.Value, StringComparer.Ordinal)
            .ThenBy(i => i.Id.Value, StringComparer.Ordinal)
            .ToList();
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
            var partition = day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
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
            await UpsertRemindersAsync(ReminderEntities.Planned(after).Select(at => ReminderEntities.Write(after, at)), cancellationToken).ConfigureAwait(false);

            if (after.Area == before.Area)
            {
                if (await TryReplaceAsync(before, entity.ETag, change, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }
            }
            else
            {
                await CopyToAsync(before, change, cancellationToken).ConfigureAwait(false);
                var removal = new List<TableTransactionAction>
                {
                    new(TableTransactionActionType.Delete, entity, entity.ETag),
                };
                removal.AddRange(ItemEntities.IndexKeys(before).Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(entity.PartitionKey, k), ETag.All)));
                try
                {
                    await _items.SubmitTransactionAsync(removal, cancellationToken).ConfigureAwait(false);
                    await DeleteOldHistoryAsync(before, cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 412)
                {
                    // Someone changed the item in its old area after it was copied: copy the fresh state again.
                }
            }

            LogConflict(before.Id.Value, attempt);
            var fresh = await TableQueries.FindAsync(_items, entity.PartitionKey, entity.RowKey, cancellationToken).ConfigureAwait(false);
            if (fresh is null)
            {
                return false;
            }

            entity = fresh;
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

        var actions = new List<TableTransactionAction>();
        var earlier = await TableQueries.FindAsync(_items, target, ItemEntities.PrimaryKey(after.Id), cancellationToken).ConfigureAwait(false);
        if (earlier is not null)
        {
            var newKeys = ItemEntities.IndexKeys(after);
            actions.AddRange(ItemEntities.IndexKeys(ItemEntities.Read(earlier))
                .Where(k => !newKeys.Contains(k))
                .Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(target, k), ETag.All)));
        }

        actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ItemEntities.Write(after, ItemEntities.PrimaryKey(after.Id))));
        actions.AddRange(ItemEntities.IndexKeys(after).Select(k => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ItemEntities.Write(after, k))));
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
    /// Replaces the item conditionally on <paramref name="etag"/>, with its index copies and history rows, in one
    /// transaction. False when someone else changed it first.
    /// </summary>
    private async Task<bool> TryReplaceAsync(TrackedItem before, ETag etag, ItemChange change, CancellationToken cancellationToken)
    {
        var after = change.After;
        var partition = ItemEntities.Partition(after.Area);
        var beforeReminders = ReminderEntities.Planned(before);
        var afterReminders = ReminderEntities.Planned(after);
        var reminderRowsChange = after.Owner != before.Owner || !beforeReminders.SequenceEqual(afterReminders);
        if (reminderRowsChange)
        {
            await UpsertRemindersAsync(afterReminders.Select(at => ReminderEntities.Write(after, at)), cancellationToken).ConfigureAwait(false);
        }

        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ItemEntities.Write(after, ItemEntities.PrimaryKey(after.Id)), etag),
        };
        var afterKeys = ItemEntities.IndexKeys(after);
        actions.AddRange(ItemEntities.IndexKeys(before)
            .Where(k => !afterKeys.Contains(k))
            .Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k), ETag.All)));
        actions.AddRange(afterKeys.Select(k => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ItemEntities.Write(after, k))));
        actions.AddRange(ItemEntities.HistoryRows(change).Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));

        try
        {
            await _items.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409)
        {
            return false;
        }

        if (reminderRowsChange)
        {
            foreach (var at in beforeReminders.Except(afterReminders))
            {
                await TableQueries.DeleteIfExistsAsync(_reminders, ReminderEntities.Partition(at), ReminderEntities.RowKey(at, before.Id), cancellationToken).ConfigureAwait(false);
            }
        }

        return true;
    }

    private async Task<int> AddToPartitionAsync(List<NewItem> items, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var added = 0;
        var chunk = new List<(NewItem Item, List<TableTransactionAction> Actions)>();
        var size = 0;
        foreach (var item in items)
        {
            var actions = NewItemActions(item, origin);
            if (actions.Count > MaxBatch)
            {
                throw new InvalidOperationException($"Item {item.Created.Id} has too much history to add in one transaction.");
            }

            if (size + actions.Count > MaxBatch)
            {
                added += await SubmitNewAsync(chunk, cancellationToken).ConfigureAwait(false);
                chunk = [];
                size = 0;
            }

            chunk.Add((item, actions));
            size += actions.Count;
        }

        if (chunk.Count > 0)
        {
            added += await SubmitNewAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        return added;
    }

    /// <summary>
    /// Submits new items together; when one of them already exists the whole transaction fails, so that item is
    /// dropped (it is already stored) and the rest submitted again.
    /// </summary>
    private async Task<int> SubmitNewAsync(List<(NewItem Item, List<TableTransactionAction> Actions)> chunk, CancellationToken cancellationToken)
    {
        var pending = chunk.ToList();
        while (pending.Count > 0)
        {
            try
            {
                await _items.SubmitTransactionAsync(pending.SelectMany(p => p.Actions).ToList(), cancellationToken).ConfigureAwait(false);
                return pending.Count;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                var failed = ex.FailedTransactionActionIndex;
                if (failed is null)
                {
                    return await SubmitOneByOneAsync(pending, cancellationToken).ConfigureAwait(false);
                }

                var offset = 0;
                var index = pending.FindIndex(p =>
                {
                    var hit = failed.Value >= offset && failed.Value < offset + p.Actions.Count;
                    offset += p.Actions.Count;
                    return hit;
                });
                if (index < 0)
                {
                    return await SubmitOneByOneAsync(pending, cancellationToken).ConfigureAwait(false);
                }

                pending.RemoveAt(index);
            }
        }

        return 0;
    }

    private async Task<int> SubmitOneByOneAsync(List<(NewItem Item, List<TableTransactionAction> Actions)> pending, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var (_, actions) in pending)
        {
            try
            {
                await _items.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                added++;
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
            new(TableTransactionActionType.Add, ItemEntities.Write(current, ItemEntities.PrimaryKey(current.Id))),
        };
        actions.AddRange(ItemEntities.IndexKeys(current).Select(k => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ItemEntities.Write(current, k))));
        actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ItemEntities.WriteAudit(current.Area, current.Id, 1, ItemTransitions.Created(item.Created, origin))));
        foreach (var change in item.History)
        {
            actions.AddRange(ItemEntities.HistoryRows(change).Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
        }

        return actions;
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
}
