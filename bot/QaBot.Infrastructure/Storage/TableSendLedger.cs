using System.Globalization;
using Azure;
using Azure.Data.Tables;
using QaBot.Core.Delivery;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Storage;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// The send ledger in the SendLedger table: partition = run id; row <c>d|{person}</c> the digest's state and
/// <c>t|{person}|{attempt}</c> each attempt, written in the same transaction as the state it led to.
/// </summary>
public sealed class TableSendLedger : ISendLedger
{
    private readonly TableClient _table;

    public TableSendLedger(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.SendLedger;
    }

    public async Task<Versioned<SendRecord>?> GetAsync(DigestKey key, CancellationToken cancellationToken = default)
    {
        var entity = await TableQueries.FindAsync(_table, Partition(key.RunId), StateKey(key.Person), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new Versioned<SendRecord>(Read(entity), entity.ETag.ToString());
    }

    public async Task<WriteResult> CreateAsync(SendRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var response = await _table.AddEntityAsync(Write(record), cancellationToken).ConfigureAwait(false);
            return WriteResult.SavedAs(response.Headers.ETag?.ToString() ?? string.Empty);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return WriteResult.Conflict;
        }
    }

    public async Task<WriteResult> SaveAsync(SendRecord record, string expectedVersion, SendAttempt? attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(expectedVersion);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, Write(record), new ETag(expectedVersion)),
        };
        if (attempt is not null)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition(record.Key.RunId), AttemptKey(record.Key.Person, attempt.Number))
            {
                ["Number"] = attempt.Number,
                ["At"] = attempt.At,
                ["StatusCode"] = attempt.StatusCode,
                ["RetryAfterMs"] = attempt.RetryAfter is { } wait ? (long)wait.TotalMilliseconds : null,
                ["Error"] = attempt.Error,
            }));
        }

        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return WriteResult.SavedAs(response.Value[0].Headers.ETag?.ToString() ?? string.Empty);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return WriteResult.Conflict;
        }
    }

    public async Task<IReadOnlyList<SendRecord>> ListRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_table, TableQueries.Prefix(Partition(runId), "d|"), cancellationToken).ConfigureAwait(false);
        return entities.Select(Read).ToList();
    }

    public async Task<IReadOnlyList<SendAttempt>> GetAttemptsAsync(DigestKey key, CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_table, TableQueries.Prefix(Partition(key.RunId), $"t|{key.Person.Value}|"), cancellationToken).ConfigureAwait(false);
        return entities
            .Select(e => new SendAttempt(
                e.RequiredInt("Number"),
                e.RequiredInstant("At"),
                e.GetInt32("StatusCode"),
                e.GetInt64("RetryAfterMs") is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                e.Optional("Error")))
            .ToList();
    }

    private static string Partition(string runId) =>
        DigestKey.IsValidRunId(runId) ? runId : throw new ArgumentException($"'{runId}' is not a valid run id.", nameof(runId));

    private static string StateKey(PersonId person) => "d|" + person.Value;

    private static string AttemptKey(PersonId person, int number) => $"t|{person.Value}|{number.ToString("D4", CultureInfo.InvariantCulture)}";

    private static TableEntity Write(SendRecord record) => new(Partition(record.Key.RunId), StateKey(record.Key.Person))
    {
        ["Run"] = record.Key.RunId,
        ["Person"] = record.Key.Person.Value,
        ["State"] = record.State.ToString(),
        ["Attempts"] = record.Attempts,
        ["LastStatusCode"] = record.LastStatusCode,
        ["ActivityId"] = record.ActivityId,
        ["ConversationId"] = record.ConversationId,
        ["Items"] = EntityValues.Json(record.Items.Select(i => i.Value).ToList()),
        ["PossibleDuplicate"] = record.PossibleDuplicate,
        ["CreatedAt"] = record.CreatedAt,
        ["UpdatedAt"] = record.UpdatedAt,
    };

    private static SendRecord Read(TableEntity e) => new(
        new DigestKey(e.Required("Run"), new PersonId(e.Required("Person"))),
        Enum.Parse<SendState>(e.Required("State")),
        e.RequiredInt("Attempts"),
        e.GetInt32("LastStatusCode"),
        e.Optional("ActivityId"),
        e.Optional("ConversationId"),
        e.RequiredJson<List<string>>("Items").Select(i => new OccurrenceId(i)).ToList(),
        e.GetBoolean("PossibleDuplicate") ?? false,
        e.RequiredInstant("CreatedAt"),
        e.RequiredInstant("UpdatedAt"));
}
