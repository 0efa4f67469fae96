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
/// The send ledger in the SendLedger table: partition <c>{run}|{shard}</c>, the shard being the last two hex digits of
/// the person's object id, so a department's run is spread over up to 256 small partitions rather than one holding
/// every digest of the run; row <c>d|{person}</c> the digest's state and <c>t|{person}|{attempt}</c> each HTTP attempt,
/// written in the same transaction as the state it led to. A batch of digests is read with a point read each, several
/// at once: the table service answers a filter naming several row keys by scanning the partition, not from its index.
/// (Releases before storage version 3 kept a run in one partition, the run id; <see cref="SendLedgerPartitionMigration"/>
/// moves those rows.)
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
        var entity = await TableQueries.FindAsync(_table, Partition(key.RunId, key.Person), StateKey(key.Person), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new Versioned<SendRecord>(Read(entity), entity.ETag.ToString());
    }

    public async Task<IReadOnlyDictionary<PersonId, Versioned<SendRecord>>> GetManyAsync(string runId, IReadOnlyCollection<PersonId> people, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(people);
        var entities = await TableQueries.FindEachAsync(_table, people.Select(p => (Partition(runId, p), StateKey(p))), cancellationToken).ConfigureAwait(false);
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
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition(record.Key.RunId, record.Key.Person), AttemptKey(record.Key.Person, first + i))
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
        var run = CheckRun(runId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {run + "|"} and PartitionKey lt {run + "}"} and RowKey ge {"d|"} and RowKey lt {"d}"}");
        var entities = await TableQueries.ListAsync(_table, filter, cancellationToken).ConfigureAwait(false);
        return entities.Select(Read).OrderBy(r => r.Key.Person.Value, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<SendAttempt>> GetAttemptsAsync(DigestKey key, CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_table, TableQueries.Prefix(Partition(key.RunId, key.Person), $"t|{key.Person.Value}|"), cancellationToken).ConfigureAwait(false);
        return entities
            .Select(e => new SendAttempt(
                e.RequiredInstant("StartedAt"),
                e.GetInt32("StatusCode"),
                e.Optional("CorrelationId"),
                e.GetInt64("RetryAfterMs") is { } ms ? TimeSpan.FromMilliseconds(ms) : null))
            .ToList();
    }

    /// <summary>The partition of a person's digest in a run.</summary>
    internal static string Partition(string runId, PersonId person) =>
        person.Value is { Length: >= 2 } id
            ? $"{CheckRun(runId)}|{id[^2..]}"
            : throw new ArgumentException($"'{person.Value}' is not a person's object id.", nameof(person));

    private static string CheckRun(string runId) =>
        DigestKey.IsValidRunId(runId) ? runId : throw new ArgumentException($"'{runId}' is not a valid run id.", nameof(runId));

    private static string StateKey(PersonId person) => "d|" + person.Value;

    private static string AttemptKey(PersonId person, int number) => $"t|{person.Value}|{number.ToString("D4", CultureInfo.InvariantCulture)}";

    private static TableEntity Write(SendRecord record) => new(Partition(record.Key.RunId, record.Key.Person), StateKey(record.Key.Person))
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
