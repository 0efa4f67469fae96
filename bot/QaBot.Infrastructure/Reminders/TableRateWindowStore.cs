using Azure;
using Azure.Data.Tables;
using QaBot.Application.Reminders;
using QaBot.Infrastructure.Storage;

namespace QaBot.Infrastructure.Reminders;

/// <summary>
/// The shared request budget in the Scheduler table: a ring of 60 rows (one per second of the minute), each holding the
/// window it counts and the requests claimed in it, moved on with its ETag. A row found holding an earlier window
/// starts again from nothing, so the table never grows.
/// </summary>
public sealed class TableRateWindowStore : IRateWindowStore
{
    private const string Partition = "rate";
    private const int MaxAttempts = 5;

    private readonly TableClient _table;

    public TableRateWindowStore(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Scheduler;
    }

    public async Task<RateClaim> ClaimAsync(DateTimeOffset windowStart, int wanted, int limit, int firstUsable = 0, CancellationToken cancellationToken = default)
    {
        var window = BudgetWindows.Second(windowStart);
        ArgumentOutOfRangeException.ThrowIfLessThan(wanted, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(firstUsable);
        var row = "w" + (window % 60).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var existing = await TableQueries.FindAsync(_table, Partition, row, cancellationToken).ConfigureAwait(false);
            var stored = existing?.GetInt64("Window");
            if (stored > window)
            {
                return RateClaim.None;
            }

            var claimed = Math.Max(stored == window ? existing!.GetInt32("Claimed") ?? 0 : 0, firstUsable);
            var granted = Math.Min(wanted, limit - claimed);
            if (granted <= 0)
            {
                return RateClaim.None;
            }

            var entity = new TableEntity(Partition, row) { ["Window"] = window, ["Claimed"] = claimed + granted };
            try
            {
                if (existing is null)
                {
                    await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return new RateClaim(claimed, granted);
            }
            catch (RequestFailedException ex) when (TableQueries.IsConflict(ex))
            {
                // Another sender claimed meanwhile: read the count again.
            }
        }

        // Too contended to claim now: slower, never faster.
        return RateClaim.None;
    }
}
