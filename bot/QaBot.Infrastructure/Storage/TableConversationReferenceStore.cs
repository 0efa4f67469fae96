using Azure;
using Azure.Data.Tables;
using QaBot.Application.Conversations;
using QaBot.Core.Organisation;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Conversation references in one partition of the Conversations table (<c>conversation</c>), row key the person's
/// object id: a point read per send (a batch's several side by side: a filter naming several row keys of this one large
/// partition would scan it), and one partition read to list them for installs.
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
        await ChangeAsync(
            reference.PersonId,
            stored => stored is { IsStale: false } && stored.Reference == reference ? null : new StoredConversation(reference, at, null, null, stored?.GreetedAt),
            "saved",
            cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> GreetOnceAsync(ConversationReference reference, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return ChangeAsync(
            reference.PersonId,
            stored => stored?.GreetedAt is { } greeted && at >= greeted && at - greeted < window ? null
                : stored is { IsStale: false } && stored.Reference == reference ? stored with { GreetedAt = Latest(stored.GreetedAt, at) }
                : new StoredConversation(reference, at, null, null, Latest(stored?.GreetedAt, at)),
            "greeted",
            cancellationToken);
    }

    public async Task<StoredConversation?> GetAsync(PersonId person, CancellationToken cancellationToken = default)
    {
        var entity = await TableQueries.FindAsync(_table, Partition, person.Value, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : Read(entity);
    }

    public async Task<IReadOnlyDictionary<PersonId, StoredConversation>> GetManyAsync(IReadOnlyCollection<PersonId> people, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(people);
        var entities = await TableQueries.FindEachAsync(_table, people.Select(p => (Partition, p.Value)), cancellationToken).ConfigureAwait(false);
        return entities.Select(Read).ToDictionary(c => c.Reference.PersonId);
    }

    public async Task MarkStaleAsync(PersonId person, string reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await ChangeAsync(
            person,
            stored => stored is null || stored.SavedAt > at || stored.IsStale ? null : stored with { StaleSince = at, StaleReason = reason },
            "marked stale",
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredConversation>> ListAsync(CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken).ConfigureAwait(false);
        return entities.Select(Read).ToList();
    }

    /// <summary>
    /// Replaces the person's stored conversation with what <paramref name="change"/> makes of it (null: nothing to
    /// write), only if no one changed it since it was read; on a conflict it reads again and decides again. True when
    /// something was written.
    /// </summary>
    private async Task<bool> ChangeAsync(PersonId person, Func<StoredConversation?, StoredConversation?> change, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= TableTrackingStore.MaxAttempts; attempt++)
        {
            var existing = await TableQueries.FindAsync(_table, Partition, person.Value, cancellationToken).ConfigureAwait(false);
            if (change(existing is null ? null : Read(existing)) is not { } next)
            {
                return false;
            }

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
                // Changed by another instance meanwhile (a save, a greeting, a failed send): decide again on what it wrote.
            }
        }

        throw new RequestFailedException(412, $"The conversation reference of person {person} kept changing while being {what}.");
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
