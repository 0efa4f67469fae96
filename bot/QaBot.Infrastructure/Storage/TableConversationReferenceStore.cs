using Azure;
using Azure.Data.Tables;
using QaBot.Application.Conversations;
using QaBot.Core.Organisation;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Conversation references in one partition of the Conversations table (<c>conversation</c>), row key the person's
/// object id: a point read per send, and one partition read to list them for installs.
/// </summary>
public sealed class TableConversationReferenceStore : IConversationReferenceStore
{
    private const string Partition = "conversation";

    private readonly TableClient _table;

    public TableConversationReferenceStore(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Conversations;
    }

    public async Task SaveAsync(ConversationReference reference, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        for (var attempt = 1; attempt <= TableTrackingStore.MaxAttempts; attempt++)
        {
            var existing = await TableQueries.FindAsync(_table, Partition, reference.PersonId.Value, cancellationToken).ConfigureAwait(false);
            if (existing is not null && Read(existing) is { IsStale: false } stored && stored.Reference == reference)
            {
                return;
            }

            var entity = Write(new StoredConversation(reference, at, null, null, existing is null ? null : Read(existing).GreetedAt));
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
                // Saved by another instance meanwhile: look again.
            }
        }

        throw new RequestFailedException(412, $"The conversation reference of person {reference.PersonId} kept changing while being saved.");
    }

    public async Task<bool> GreetOnceAsync(ConversationReference reference, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        for (var attempt = 1; attempt <= TableTrackingStore.MaxAttempts; attempt++)
        {
            var existing = await TableQueries.FindAsync(_table, Partition, reference.PersonId.Value, cancellationToken).ConfigureAwait(false);
            var stored = existing is null ? null : Read(existing);
            if (stored?.GreetedAt is { } greeted && at >= greeted && at - greeted < window)
            {
                return false;
            }

            var next = stored is { IsStale: false } && stored.Reference == reference
                ? stored with { GreetedAt = Latest(stored.GreetedAt, at) }
                : new StoredConversation(reference, at, null, null, Latest(stored?.GreetedAt, at));
            try
            {
                if (existing is null)
                {
                    await _table.AddEntityAsync(Write(next), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.UpdateEntityAsync(Write(next), existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return true;
            }
            catch (RequestFailedException ex) when (TableQueries.IsConflict(ex))
            {
                // Another instance saved or greeted meanwhile: decide again on what it wrote.
            }
        }

        throw new RequestFailedException(412, $"The conversation reference of person {reference.PersonId} kept changing while recording a greeting.");
    }

    public async Task<StoredConversation?> GetAsync(PersonId person, CancellationToken cancellationToken = default)
    {
        var entity = await TableQueries.FindAsync(_table, Partition, person.Value, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : Read(entity);
    }

    public async Task<IReadOnlyDictionary<PersonId, StoredConversation>> GetManyAsync(IReadOnlyCollection<PersonId> people, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(people);
        var entities = await TableQueries.FindManyAsync(_table, Partition, people.Select(p => p.Value), cancellationToken).ConfigureAwait(false);
        return entities.Select(Read).ToDictionary(c => c.Reference.PersonId);
    }

    public async Task MarkStaleAsync(PersonId person, string reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        for (var attempt = 1; attempt <= TableTrackingStore.MaxAttempts; attempt++)
        {
            var existing = await TableQueries.FindAsync(_table, Partition, person.Value, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return;
            }

            var stored = Read(existing);
            if (stored.SavedAt > at || stored.IsStale)
            {
                return;
            }

            try
            {
                await _table.UpdateEntityAsync(Write(stored with { StaleSince = at, StaleReason = reason }), existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException ex) when (TableQueries.IsConflict(ex))
            {
                // Replaced meanwhile (perhaps by a fresh install): decide again on the new state.
            }
        }

        throw new RequestFailedException(412, $"The conversation reference of person {person} kept changing while being marked stale.");
    }

    public async Task<IReadOnlyList<StoredConversation>> ListAsync(CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken).ConfigureAwait(false);
        return entities.Select(Read).ToList();
    }

    private static TableEntity Write(StoredConversation stored) => new(Partition, stored.Reference.PersonId.Value)
    {
        ["ChannelId"] = stored.Reference.ChannelId,
        ["ServiceUrl"] = stored.Reference.ServiceUrl,
        ["ConversationId"] = stored.Reference.ConversationId,
        ["UserId"] = stored.Reference.UserId,
        ["BotId"] = stored.Reference.BotId,
        ["TenantId"] = stored.Reference.TenantId,
        ["SavedAt"] = stored.SavedAt,
        ["StaleSince"] = stored.StaleSince,
        ["StaleReason"] = stored.StaleReason,
        ["GreetedAt"] = stored.GreetedAt,
    };

    private static StoredConversation Read(TableEntity e) => new(
        new ConversationReference(
            new PersonId(e.RowKey),
            e.Required("ChannelId"),
            e.Required("ServiceUrl"),
            e.Required("ConversationId"),
            e.Required("UserId"),
            e.Required("BotId"),
            e.Required("TenantId")),
        e.RequiredInstant("SavedAt"),
        e.GetDateTimeOffset("StaleSince"),
        e.Optional("StaleReason"),
        e.GetDateTimeOffset("GreetedAt"));

    /// <summary>The later of two greeting times: an install event arriving late does not shorten the window of the one before.</summary>
    private static DateTimeOffset Latest(DateTimeOffset? greeted, DateTimeOffset at) => greeted is { } before && before > at ? before : at;
}
