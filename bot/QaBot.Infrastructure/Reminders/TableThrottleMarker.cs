using Azure;
using Azure.Data.Tables;
using QaBot.Application.Reminders;
using QaBot.Infrastructure.Storage;

namespace QaBot.Infrastructure.Reminders;

/// <summary>The shared "throttled until" marker: one row in the Scheduler table, moved only later, with its ETag.</summary>
public sealed class TableThrottleMarker : IThrottleMarker
{
    private const string Partition = "state";
    private const string Row = "throttle";
    private const int MaxAttempts = 5;

    private readonly TableClient _table;

    public TableThrottleMarker(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Scheduler;
    }

    public async Task<DateTimeOffset?> GetAsync(CancellationToken cancellationToken = default)
    {
        var entity = await TableQueries.FindAsync(_table, Partition, Row, cancellationToken).ConfigureAwait(false);
        return entity?.GetDateTimeOffset("Until");
    }

    public async Task ExtendAsync(DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var existing = await TableQueries.FindAsync(_table, Partition, Row, cancellationToken).ConfigureAwait(false);
            if (existing?.GetDateTimeOffset("Until") is { } current && current >= until)
            {
                return;
            }

            var entity = new TableEntity(Partition, Row) { ["Until"] = until };
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

                return;
            }
            catch (RequestFailedException ex) when (TableQueries.IsConflict(ex))
            {
                // Another sender moved it meanwhile: look again.
            }
        }
    }
}
