using Azure;
using Azure.Data.Tables;
using QaBot.Application.Governance;
using QaBot.Core.Governance;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Finds and pseudonymises the rows that name a person by reading every table whole (docs/privacy.md, "Subject access
/// and erasure"). A person's object id sits in keys, occurrence ids, actors and JSON properties across most tables, and
/// their name and UPN in a few; only a whole read finds every one, so these are background reads for the QA team and
/// information governance, never on anyone's turn in chat.
/// </summary>
public sealed class TablePersonalRecords : IPersonalRecords
{
    private const int Attempts = 5;

    private readonly StorageTables _tables;

    public TablePersonalRecords(StorageTables tables)
    {
        _tables = tables;
    }

    public async Task<IReadOnlyList<HeldRecord>> FindAsync(PersonMarks person, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        var found = new List<HeldRecord>();
        foreach (var table in _tables.All)
        {
            foreach (var entity in await NamingAsync(table, person, cancellationToken).ConfigureAwait(false))
            {
                var values = entity
                    .Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") && p.Value is not null)
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => new HeldValue(p.Key, p.Value is DateTime d ? new DateTimeOffset(d.ToUniversalTime()) : p.Value))
                    .ToList();
                found.Add(new HeldRecord(_tables.ShortName(table), entity.PartitionKey, entity.RowKey, values));
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<TableCount>> PseudonymiseAsync(PersonMarks person, PersonMarks pseudonym, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(pseudonym);
        var counts = new List<TableCount>();

        // The directory last: while the person's own record still has their id, a stopped erasure can be found and finished.
        foreach (var table in _tables.All.Where(t => t != _tables.Directory).Append(_tables.Directory))
        {
            long changed = 0;
            foreach (var entity in await NamingAsync(table, person, cancellationToken).ConfigureAwait(false))
            {
                await RewriteAsync(table, entity, person, pseudonym, cancellationToken).ConfigureAwait(false);
                changed++;
            }

            counts.Add(new TableCount(_tables.ShortName(table), changed));
        }

        return counts;
    }

    private static async Task<List<TableEntity>> NamingAsync(TableClient table, PersonMarks person, CancellationToken cancellationToken)
    {
        var naming = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (Names(entity, person))
            {
                naming.Add(entity);
            }
        }

        return naming;
    }

    private static bool Names(TableEntity entity, PersonMarks person) =>
        person.AreIn(entity.PartitionKey) || person.AreIn(entity.RowKey) || entity.Select(p => p.Value).OfType<string>().Any(person.AreIn);

    /// <summary>
    /// Writes the row with the pseudonym in place, conditional on what was read: in place when its keys stay the same,
    /// otherwise under the new keys and then the old row deleted. A row changed meanwhile is read again and rewritten.
    /// </summary>
    private static async Task RewriteAsync(TableClient table, TableEntity entity, PersonMarks person, PersonMarks pseudonym, CancellationToken cancellationToken)
    {
        var current = entity;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var next = Rewritten(current, person, pseudonym);
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
                if (fresh is null || !Names(fresh, person))
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

            copy[name] = value is string text ? person.ReplaceWith(text, pseudonym) : value;
        }

        return copy;
    }
}
