using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using QaBot.Application.Governance;
using QaBot.Core.Governance;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Finds and pseudonymises the rows that name a person (docs/privacy.md, "Subject access and erasure"). A person's object
/// id sits in keys, occurrence ids, actors and JSON properties across most tables, and their name and UPN in a few, so
/// only a read of every row finds every one. An export reads the rows the person index lists for them and the rows
/// written since its last pass (<see cref="TablePersonIndex"/>); without an index that can answer, and for an erasure,
/// every table is read whole. These are background reads for the QA team and information governance, never on
/// anyone's turn in chat.
/// </summary>
public sealed class TablePersonalRecords : IPersonalRecords
{
    private const int Attempts = 5;
    internal const int DefaultParallelism = 8;

    private readonly StorageTables _tables;
    private readonly TablePersonIndex _index;
    private readonly int _parallelism;

    public TablePersonalRecords(StorageTables tables)
        : this(tables, DefaultParallelism)
    {
    }

    /// <param name="parallelism">Reads made at once; 1 reads every table whole, one after another.</param>
    /// <param name="indexMargin">How far before its start a pass of the person index counts as complete.</param>
    internal TablePersonalRecords(StorageTables tables, int parallelism, TimeSpan? indexMargin = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _tables = tables;
        _index = new TablePersonIndex(tables, indexMargin ?? TablePersonIndex.DefaultMargin);
        _parallelism = parallelism;
    }

    public Task<PersonIndexUpdate> UpdateIndexAsync(IReadOnlyCollection<PersonMarks> people, CancellationToken cancellationToken = default) =>
        _index.UpdateAsync(people, cancellationToken);

    public Task<HeldRecords> FindAsync(PersonMarks person, CancellationToken cancellationToken = default) =>
        FindAsync(person, useIndex: true, cancellationToken);

    /// <param name="useIndex">False reads every table whole, as when the index cannot answer.</param>
    internal async Task<HeldRecords> FindAsync(PersonMarks person, bool useIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var matches = person.Matcher();
        var indexed = useIndex ? await _index.FindAsync(person, e => Names(e, matches), cancellationToken).ConfigureAwait(false) : null;
        var order = _tables.All.ToList();
        var naming = indexed is { } answer
            ? InKeyOrder(answer.Rows.Select(r => (order.IndexOf(r.Table), r.Table, r.Entity)))
            : await NamingAsync(_tables.All, person, cancellationToken).ConfigureAwait(false);
        var found = new List<HeldRecord>();
        foreach (var (table, entity) in naming)
        {
            var values = entity
                .Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") && p.Value is not null)
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new HeldValue(p.Key, p.Value is DateTime d ? new DateTimeOffset(d.ToUniversalTime()) : p.Value))
                .ToList();
            found.Add(new HeldRecord(_tables.ShortName(table), entity.PartitionKey, entity.RowKey, values));
        }

        return new HeldRecords(found, indexed?.Through);
    }

    public async Task<IReadOnlyList<TableCount>> PseudonymiseAsync(PersonMarks person, PersonMarks pseudonym, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(pseudonym);

        // Held so that no pass of the person index writes entries for the person while theirs are removed.
        var lease = await _index.HoldAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RewriteEverywhereAsync(person, pseudonym, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _index.ReleaseAsync(lease).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<TableCount>> RewriteEverywhereAsync(PersonMarks person, PersonMarks pseudonym, CancellationToken cancellationToken)
    {
        // The directory last: while the person's own record still has their id, a stopped erasure can be found and finished.
        var others = _tables.All.Where(t => t != _tables.Directory).ToList();
        var naming = await NamingAsync(others, person, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(
            naming,
            new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
            (row, token) => new ValueTask(RewriteAsync(row.Table, row.Entity, person, pseudonym, token))).ConfigureAwait(false);

        // The person index's entries for the person, entries of others that lead to a row keyed by them, and the marks
        // they were indexed by go: the rows rewritten are newer than the index, found as written since it until the next
        // pass indexes them under the pseudonym.
        var matches = person.Matcher();
        var key = TablePersonIndex.Partition(person.Id);
        var entries = (await NamingAsync([_tables.PersonIndex], person, cancellationToken).ConfigureAwait(false))
            .Select(e => e.Entity)
            .Where(e => e.PartitionKey == key
                || (e.PartitionKey == TablePersonIndex.MarksPartition && e.RowKey == key)
                || matches(e.GetString("Partition")) || matches(e.GetString("Row")))
            .ToList<ITableEntity>();
        await TableQueries.DeleteEachAsync(_tables.PersonIndex, entries, cancellationToken).ConfigureAwait(false);
        var directory = await NamingAsync([_tables.Directory], person, cancellationToken).ConfigureAwait(false);
        foreach (var (table, entity) in directory)
        {
            await RewriteAsync(table, entity, person, pseudonym, cancellationToken).ConfigureAwait(false);
        }

        await _index.RecordErasedAsync(pseudonym, cancellationToken).ConfigureAwait(false);

        return others.Append(_tables.Directory)
            .Select(t => new TableCount(_tables.ShortName(t), naming.Concat(directory).LongCount(r => r.Table == t)))
            .ToList();
    }

    /// <summary>
    /// Every row of the tables that names the person, in table order then key order, read side by side
    /// (<see cref="TableScan.WholeAsync"/>).
    /// </summary>
    private async Task<List<(TableClient Table, TableEntity Entity)>> NamingAsync(IReadOnlyList<TableClient> tables, PersonMarks person, CancellationToken cancellationToken)
    {
        var scans = await TableScan.WholeAsync(_tables, tables, _parallelism, cancellationToken).ConfigureAwait(false);
        var matches = person.Matcher();
        var found = new ConcurrentBag<(int Order, TableClient Table, TableEntity Entity)>();
        await Parallel.ForEachAsync(
            scans,
            new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
            async (scan, token) =>
            {
                await foreach (var entity in scan.Table.QueryAsync<TableEntity>(scan.Filter, maxPerPage: 1000, cancellationToken: token).ConfigureAwait(false))
                {
                    if (Names(entity, matches))
                    {
                        found.Add((scan.Order, scan.Table, entity));
                    }
                }
            }).ConfigureAwait(false);
        return InKeyOrder(found);
    }

    private static List<(TableClient Table, TableEntity Entity)> InKeyOrder(IEnumerable<(int Order, TableClient Table, TableEntity Entity)> rows) =>
        rows
            .OrderBy(f => f.Order)
            .ThenBy(f => f.Entity.PartitionKey, StringComparer.Ordinal)
            .ThenBy(f => f.Entity.RowKey, StringComparer.Ordinal)
            .Select(f => (f.Table, f.Entity))
            .ToList();

    internal static bool Names(TableEntity entity, Func<string?, bool> matches) =>
        matches(entity.PartitionKey) || matches(entity.RowKey) || entity.Select(p => p.Value).OfType<string>().Any(matches);

    /// <summary>
    /// Writes the row with the pseudonym in place, conditional on what was read: in place when its keys stay the same,
    /// otherwise under the new keys and then the old row deleted. A row changed meanwhile is read again and rewritten.
    /// </summary>
    private async Task RewriteAsync(TableClient table, TableEntity entity, PersonMarks person, PersonMarks pseudonym, CancellationToken cancellationToken)
    {
        var current = entity;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var next = Rewritten(current, person, pseudonym);

            // A digest's partition is chosen by the end of its person's id: it moves to the pseudonym's, so that it is
            // found where the ledger looks for it and no part of the old id stays in its keys.
            if (table.Name == _tables.SendLedger.Name && next.PartitionKey.IndexOf('|', StringComparison.Ordinal) is > 0 and var bar
                && SendLedgerPartitionMigration.PersonOf(next.RowKey) is { } owner)
            {
                next.PartitionKey = TableSendLedger.Partition(next.PartitionKey[..bar], owner);
            }
            try
            {
                if (next.PartitionKey == current.PartitionKey && next.RowKey == current.RowKey)
                {
                    await table.UpdateEntityAsync(next, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await table.UpsertEntityAsync(next, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    await table.DeleteEntityAsync(current.PartitionKey, current.RowKey, current.ETag, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                var fresh = await TableQueries.FindAsync(table, current.PartitionKey, current.RowKey, cancellationToken).ConfigureAwait(false);
                if (fresh is null || !Names(fresh, person.Matcher()))
                {
                    return;
                }

                current = fresh;
            }
        }

        throw new InvalidOperationException($"Table {table.Name}, row {current.PartitionKey}/{current.RowKey}: changed by another writer {Attempts} times while being pseudonymised; run the erasure again.");
    }

    private static TableEntity Rewritten(TableEntity entity, PersonMarks person, PersonMarks pseudonym)
    {
        var copy = new TableEntity(person.ReplaceWith(entity.PartitionKey, pseudonym), person.ReplaceWith(entity.RowKey, pseudonym));
        foreach (var (name, value) in entity)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
            {
                continue;
            }

            // An open tally's oldest keys name items by id, in id order: rewritten, they could fall out of order, so they
            // are dropped and the next repair pass fills them again (docs/storage.md).
            if (name == ComplianceEntities.OldestProperty)
            {
                continue;
            }

            copy[name] = value is string text ? person.ReplaceWith(text, pseudonym) : value;
        }

        return copy;
    }
}
