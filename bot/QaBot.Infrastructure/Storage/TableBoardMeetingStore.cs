using Azure;
using Azure.Data.Tables;
using QaBot.Application.Meetings;
using QaBot.Application.Storage;
using QaBot.Core;
using QaBot.Core.Framework;
using QaBot.Core.Meetings;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Board meetings in one partition of the Meetings table (<c>meeting</c>), row key <c>{body}|{key}</c>: a body's
/// records are one key range and a sync reads the partition.
/// </summary>
public sealed class TableBoardMeetingStore : IBoardMeetingStore
{
    private const string Partition = "meeting";

    private readonly TableClient _table;

    public TableBoardMeetingStore(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Meetings;
    }

    public async Task<IReadOnlyList<Versioned<BoardMeetingRecord>>> GetForBodyAsync(BodyId body, CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_table, TableQueries.Prefix(Partition, Keys.Encode(body.Value) + Keys.Separator), cancellationToken).ConfigureAwait(false);
        return entities.Select(e => new Versioned<BoardMeetingRecord>(Read(e), e.ETag.ToString())).ToList();
    }

    public async Task<IReadOnlyList<Versioned<BoardMeetingRecord>>> ListAsync(CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken).ConfigureAwait(false);
        return entities.Select(e => new Versioned<BoardMeetingRecord>(Read(e), e.ETag.ToString())).ToList();
    }

    public async Task<WriteResult> SaveAsync(BoardMeetingRecord record, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = new TableEntity(Partition, $"{Keys.Encode(record.Body.Value)}{Keys.Separator}{Keys.Encode(record.Key)}")
        {
            ["Body"] = record.Body.Value,
            ["Key"] = record.Key,
            ["Organiser"] = record.Organiser,
            ["TransactionId"] = record.TransactionId,
            ["GraphEventId"] = record.GraphEventId,
            ["State"] = record.State.ToString(),
            ["Attendees"] = EntityValues.Json(record.Attendees),
            ["Fingerprint"] = record.Fingerprint,
            ["UpdatedAt"] = record.UpdatedAt,
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

    private static BoardMeetingRecord Read(TableEntity e) => new(
        new BodyId(e.Required("Body")),
        e.Required("Key"),
        e.Required("Organiser"),
        e.Required("TransactionId"),
        e.Optional("GraphEventId"),
        Enum.Parse<BoardMeetingState>(e.Required("State")),
        e.RequiredJson<List<string>>("Attendees"),
        e.GetString("Fingerprint") ?? string.Empty,
        e.RequiredInstant("UpdatedAt"));
}
