using System.Globalization;
using Azure.Data.Tables;
using QaBot.Application.Storage;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Storage version 1. The first release kept two index rows beside each item in its Items partition: a copy of every
/// outstanding item at <c>o|{due}|{occurrence}</c> and one per owner at <c>p|{owner}|{due}|{occurrence}</c>. Later
/// releases read outstanding items from the Outstanding table instead, so those rows would leave open items missing from
/// "my tasks" and stale copies in every scan of the Items table (exports, backups, retention). For each partition that
/// has them, this writes the Outstanding copy of each item that is still outstanding, from the item itself, and only
/// then deletes the old rows: a stop part-way leaves nothing lost, and the next run finishes the rest.
/// </summary>
public sealed class OutstandingTableMigration : IStorageMigration
{
    private readonly StorageTables _tables;

    public OutstandingTableMigration(StorageTables tables)
    {
        _tables = tables;
    }

    public int Version => 1;

    public string Title => "Outstanding items move from index rows in the Items table to the Outstanding table";

    /// <summary>Rows of the first release's two indexes, anywhere in the Items table.</summary>
    internal static string OldIndexRows() =>
        TableClient.CreateQueryFilter($"(RowKey ge {"o|"} and RowKey lt {"o}"}) or (RowKey ge {"p|"} and RowKey lt {"p}"})");

    public async Task<MigrationStep> ApplyAsync(bool dryRun, CancellationToken cancellationToken = default)
    {
        var old = new List<TableEntity>();
        await foreach (var row in _tables.Items.QueryAsync<TableEntity>(OldIndexRows(), select: ["PartitionKey", "RowKey", "Occurrence"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            old.Add(row);
        }

        var copies = 0;
        foreach (var partition in old.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            var keys = partition.Select(r => r.GetString("Occurrence")).OfType<string>()
                .Select(o => ItemEntities.PrimaryKey(new Core.Scheduling.OccurrenceId(o)));
            var outstanding = (await TableQueries.FindManyAsync(_tables.Items, partition.Key, keys, cancellationToken).ConfigureAwait(false))
                .Select(ItemEntities.Read)
                .Where(i => i.IsOutstanding)
                .ToList();
            copies += outstanding.Count;
            if (dryRun)
            {
                continue;
            }

            foreach (var batch in outstanding.Select(ItemEntities.WriteOutstanding).Chunk(TableQueries.MaxTransaction))
            {
                await _tables.Outstanding.SubmitTransactionAsync(
                    batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)).ToList(), cancellationToken).ConfigureAwait(false);
            }

            await TableQueries.DeleteEachAsync(_tables.Items, partition.ToList(), cancellationToken).ConfigureAwait(false);
        }

        var summary = old.Count == 0
            ? "No index rows of the first release: nothing to do."
            : string.Create(CultureInfo.InvariantCulture,
                $"{(dryRun ? "Would remove" : "Removed")} {old.Count:N0} index rows from Items in {old.Select(r => r.PartitionKey).Distinct(StringComparer.Ordinal).Count():N0} areas, " +
                $"{(dryRun ? "writing" : "having written")} {copies:N0} Outstanding copies of the items still outstanding.");
        return new MigrationStep(Version, Title, old.Count + copies, summary);
    }
}
