using System.Globalization;
using Azure;
using Azure.Data.Tables;
using QaBot.Application.Reminders;
using QaBot.Application.Storage;
using QaBot.Infrastructure.Storage;

namespace QaBot.Infrastructure.Reminders;

/// <summary>
/// The reminder run's records in the Scheduler table: partition <c>state</c> row <c>scheduler</c> holds where the run
/// has got to (updated with its ETag, so two runs cannot both claim it); partition <c>run</c> holds one row per run,
/// keyed by the inverted start time so the newest come first.
/// </summary>
public sealed class TableReminderRunStore : IReminderRunStore
{
    private const string StatePartition = "state";
    private const string StateRow = "scheduler";
    private const string RunPartition = "run";

    private readonly TableClient _table;

    public TableReminderRunStore(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Scheduler;
    }

    public async Task<(SchedulerState State, string? Version)> GetStateAsync(CancellationToken cancellationToken = default)
    {
        var entity = await Find(StatePartition, StateRow, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return (SchedulerState.Initial, null);
        }

        return (new SchedulerState(
            entity.GetDateTimeOffset("CoveredUpTo"),
            entity.Optional("LastSuccessfulRunId"),
            entity.GetDateTimeOffset("LastSuccessfulAt"),
            entity.OptionalDate("MaterialisedOn"),
            entity.Optional("CurrentRunId")), entity.ETag.ToString());
    }

    public async Task<WriteResult> SaveStateAsync(SchedulerState state, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entity = new TableEntity(StatePartition, StateRow)
        {
            ["CoveredUpTo"] = state.CoveredUpTo,
            ["LastSuccessfulRunId"] = state.LastSuccessfulRunId,
            ["LastSuccessfulAt"] = state.LastSuccessfulAt,
            ["MaterialisedOn"] = EntityValues.Text(state.MaterialisedOn),
            ["CurrentRunId"] = state.CurrentRunId,
        };
        try
        {
            var response = expectedVersion is null
                ? await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await _table.UpdateEntityAsync(entity, new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return WriteResult.SavedAs(response.Headers.ETag?.ToString() ?? string.Empty);
        }
        catch (RequestFailedException ex) when (TableQueries.IsConflict(ex))
        {
            return WriteResult.Conflict;
        }
    }

    public async Task<ReminderRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var entity = await Find(RunPartition, RowKey(runId), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : Read(entity);
    }

    public Task SaveRunAsync(ReminderRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var entity = new TableEntity(RunPartition, RowKey(run.RunId))
        {
            ["RunId"] = run.RunId,
            ["From"] = run.From,
            ["To"] = run.To,
            ["State"] = run.State.ToString(),
            ["StartedAt"] = run.StartedAt,
            ["FinishedAt"] = run.FinishedAt,
            ["LeaseUntil"] = run.LeaseUntil,
            ["Digests"] = run.Digests,
            ["ItemsCreated"] = run.ItemsCreated,
            ["CatchUpTruncated"] = run.CatchUpTruncated,
            ["Problem"] = run.Problem,
        };
        return _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<ReminderRun>> ListRecentRunsAsync(int count, CancellationToken cancellationToken = default)
    {
        var list = new List<ReminderRun>(count);
        var query = _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {RunPartition}"), maxPerPage: count, cancellationToken: cancellationToken);
        await foreach (var entity in query.ConfigureAwait(false))
        {
            list.Add(Read(entity));
            if (list.Count >= count)
            {
                break;
            }
        }

        return list;
    }

    /// <summary>
    /// The instant in the run id (<see cref="ReminderRunner.RunIdFor"/>), inverted so that a partition read returns the
    /// newest first, then the id itself.
    /// </summary>
    private static string RowKey(string runId)
    {
        var ticks = runId.Length == 20 && DateTimeOffset.TryParseExact(runId[4..], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks
            : 0;
        return ticks.ToString("D19", CultureInfo.InvariantCulture) + "|" + runId;
    }

    private Task<TableEntity?> Find(string partition, string row, CancellationToken cancellationToken) =>
        TableQueries.FindAsync(_table, partition, row, cancellationToken);

    private static ReminderRun Read(TableEntity e) => new(
        e.Required("RunId"),
        e.RequiredInstant("From"),
        e.RequiredInstant("To"),
        Enum.Parse<RunState>(e.Required("State")),
        e.RequiredInstant("StartedAt"),
        e.GetDateTimeOffset("FinishedAt"),
        e.RequiredInstant("LeaseUntil"),
        e.RequiredInt("Digests"),
        e.RequiredInt("ItemsCreated"),
        e.GetBoolean("CatchUpTruncated") ?? false,
        e.Optional("Problem"));
}
