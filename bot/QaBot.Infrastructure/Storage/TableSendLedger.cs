using System.Globalization;
using Azure;
using Azure.Data.Tables;
using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Storage;
using QaBot.Core;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// The send ledger in the SendLedger table: partition = run id; row <c>d|{person}</c> the digest's state and
/// <c>t|{person}|{attempt}</c> each HTTP attempt, written in the same transaction as the state it led to.
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

    public async Task<IReadOnlyDictionary<PersonId, Versioned<SendRecord>>> GetManyAsync(string runId, IReadOnlyCollection<PersonId> people, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(people);
        var entities = await TableQueries.FindManyAsync(_table, Partition(runId), people.Select(StateKey), cancellationToken).ConfigureAwait(false);
        return entities.Select(e => new Versioned<SendRecord>(Read(e), e.ETag.ToString())).ToDictionary(v => v.Value.Key.Person);
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

    public async Task<WriteResult> SaveAsync(SendRecord record, string expectedVersion, IReadOnlyList<SendAttempt> attempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentException.ThrowIfNullOrEmpty(expectedVersion);
        if (attempts.Count > record.Attempts || attempts.Count > 98)
        {
            throw new ArgumentException($"The record counts {record.Attempts} attempts but {attempts.Count} are being added.", nameof(attempts));
        }

        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, Write(record), new ETag(expectedVersion)),
        };
        var first = record.Attempts - attempts.Count + 1;
        for (var i = 0; i < attempts.Count; i++)
        {
            var attempt = attempts[i];
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition(record.Key.RunId), AttemptKey(record.Key.Person, first + i))
            {
                ["StartedAt"] = attempt.StartedAt,
                ["StatusCode"] = attempt.StatusCode,
                ["CorrelationId"] = attempt.CorrelationId,
                ["RetryAfterMs"] = attempt.RetryAfter is { } wait ? (long)wait.TotalMilliseconds : null,
            }));
        }

        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return WriteResult.SavedAs(response.Value[0].Headers.ETag?.ToString() ?? string.Empty);
        }
        catch (TableTransactionFailedException ex) when (TableQueries.IsConflict(ex))
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
                e.RequiredInstant("StartedAt"),
                e.GetInt32("StatusCode"),
                e.Optional("CorrelationId"),
                e.GetInt64("RetryAfterMs") is { } ms ? TimeSpan.FromMilliseconds(ms) : null))
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
