using System.Globalization;
using Azure.Data.Tables;
using QaBot.Application.Storage;
using QaBot.Core.Organisation;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Storage version 3. Releases before it kept every digest of a reminder run in one partition of the SendLedger table,
/// the run id, so a department's run made one partition of tens of thousands of rows that every write and batch read
/// of the run searched. Later releases keep a run in partitions <c>{run}|{shard}</c> (<see cref="TableSendLedger"/>),
/// and would not find an older run's entries: a queue message of that run put back after the upgrade would send its
/// digests again, and the operators' view would show the run empty. This copies each row of an old partition to its
/// new one, and only then deletes the old rows, so a stop part-way loses nothing and the next run finishes the rest;
/// a row already copied is left as it is. The monthly report's ledger (<c>report|{month}</c>) is not touched.
/// </summary>
public sealed class SendLedgerPartitionMigration : IStorageMigration
{
    private readonly StorageTables _tables;
    private readonly int _pageSize;

    public SendLedgerPartitionMigration(StorageTables tables)
        : this(tables, 1000)
    {
    }

    internal SendLedgerPartitionMigration(StorageTables tables, int pageSize)
    {
        _tables = tables;
        _pageSize = pageSize;
    }

    public int Version => 3;

    public string Title => "Reminder runs' send ledger entries move into partitions by run and person";

    public async Task<MigrationStep> ApplyAsync(bool dryRun, CancellationToken cancellationToken = default)
    {
        long moved = 0;
        var unknown = 0;
        var runs = new HashSet<string>(StringComparer.Ordinal);

        // A page at a time, so a ledger of many runs is never held whole; each page's copies are written before its old
        // rows go. The copies sort after the old partition ('|' follows every character a run id may hold), so the
        // pages still to come pass over them.
        await foreach (var page in _tables.SendLedger.QueryAsync<TableEntity>(maxPerPage: _pageSize, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            var old = new List<(TableEntity Row, string To)>();
            foreach (var row in page.Values.Where(r => !r.PartitionKey.Contains('|', StringComparison.Ordinal)))
            {
                if (PersonOf(row.RowKey) is { } person)
                {
                    old.Add((row, TableSendLedger.Partition(row.PartitionKey, person)));
                    runs.Add(row.PartitionKey);
                }
                else
                {
                    unknown++;
                }
            }

            moved += old.Count;
            if (dryRun || old.Count == 0)
            {
                continue;
            }

            foreach (var partition in old.GroupBy(o => o.To, StringComparer.Ordinal))
            {
                foreach (var batch in partition.Select(o => new TableEntity(o.Row) { PartitionKey = o.To }).Chunk(TableQueries.MaxTransaction))
                {
                    await CopyAsync(batch, cancellationToken).ConfigureAwait(false);
                }
            }

            await TableQueries.DeleteEachAsync(_tables.SendLedger, old.Select(o => (ITableEntity)o.Row).ToList(), cancellationToken).ConfigureAwait(false);
        }

        var summary = moved == 0
            ? "No send ledger entries in the old layout: nothing to do."
            : string.Create(CultureInfo.InvariantCulture,
                $"{(dryRun ? "Would move" : "Moved")} {moved:N0} send ledger rows of {runs.Count:N0} runs into partitions by run and person.");
        if (unknown > 0)
        {
            summary += string.Create(CultureInfo.InvariantCulture, $" Left {unknown:N0} rows whose row key names no digest (neither d|{{person}} nor t|{{person}}|{{attempt}}).");
        }

        return new MigrationStep(Version, Title, moved, summary);
    }

    /// <summary>The person a ledger row belongs to: <c>d|{person}</c> (the digest) or <c>t|{person}|{attempt}</c> (an attempt).</summary>
    internal static PersonId? PersonOf(string rowKey)
    {
        var parts = rowKey.Split('|');
        return parts switch
        {
            ["d", var person] when person.Length >= 2 => new PersonId(person),
            ["t", var person, _] when person.Length >= 2 => new PersonId(person),
            _ => null,
        };
    }

    /// <summary>Adds the copies; when one is already there (an earlier run stopped part-way), adds the rest one by one.</summary>
    private async Task CopyAsync(IReadOnlyList<TableEntity> copies, CancellationToken cancellationToken)
    {
        var actions = copies.Select(c => new TableTransactionAction(TableTransactionActionType.Add, c)).ToList();
        if (await TableQueries.AddTogetherAsync(_tables.SendLedger, actions, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        foreach (var copy in copies)
        {
            try
            {
                await _tables.SendLedger.AddEntityAsync(copy, cancellationToken).ConfigureAwait(false);
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 409)
            {
                // Copied by the run that stopped part-way; it may have been written to since, so it is kept.
            }
        }
    }
}
