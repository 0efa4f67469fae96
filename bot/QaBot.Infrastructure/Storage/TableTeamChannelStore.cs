using Azure;
using Azure.Data.Tables;
using QaBot.Application.Conversations;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Team channels in one partition of the Conversations table (<c>channel</c>), row key the channel's conversation id
/// (encoded): a point read per report, and one partition read for the operators' view.
/// </summary>
public sealed class TableTeamChannelStore : ITeamChannelStore
{
    private const string Partition = "channel";

    private readonly TableClient _table;

    public TableTeamChannelStore(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Conversations;
    }

    public async Task SaveAsync(TeamChannel channel, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        for (var attempt = 1; attempt <= TableTrackingStore.MaxAttempts; attempt++)
        {
            var existing = await TableQueries.FindAsync(_table, Partition, Keys.Encode(channel.ConversationId), cancellationToken).ConfigureAwait(false);
            if (existing is not null && Read(existing) is { IsStale: false } stored && stored.Channel == channel)
            {
                return;
            }

            var entity = Write(new StoredTeamChannel(channel, at, null, null));
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

        throw new RequestFailedException(412, $"The team channel {channel.ConversationId} kept changing while being saved.");
    }

    public async Task<StoredTeamChannel?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        var entity = await TableQueries.FindAsync(_table, Partition, Keys.Encode(conversationId), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : Read(entity);
    }

    public async Task MarkStaleAsync(string conversationId, string reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        for (var attempt = 1; attempt <= TableTrackingStore.MaxAttempts; attempt++)
        {
            var existing = await TableQueries.FindAsync(_table, Partition, Keys.Encode(conversationId), cancellationToken).ConfigureAwait(false);
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

        throw new RequestFailedException(412, $"The team channel {conversationId} kept changing while being marked stale.");
    }

    public async Task<IReadOnlyList<StoredTeamChannel>> ListAsync(CancellationToken cancellationToken = default)
    {
        var entities = await TableQueries.ListAsync(_table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken).ConfigureAwait(false);
        return entities.Select(Read).ToList();
    }

    private static TableEntity Write(StoredTeamChannel stored) => new(Partition, Keys.Encode(stored.Channel.ConversationId))
    {
        ["ConversationId"] = stored.Channel.ConversationId,
        ["TeamId"] = stored.Channel.TeamId,
        ["ChannelId"] = stored.Channel.ChannelId,
        ["ServiceUrl"] = stored.Channel.ServiceUrl,
        ["BotId"] = stored.Channel.BotId,
        ["TenantId"] = stored.Channel.TenantId,
        ["SavedAt"] = stored.SavedAt,
        ["StaleSince"] = stored.StaleSince,
        ["StaleReason"] = stored.StaleReason,
    };

    private static StoredTeamChannel Read(TableEntity e) => new(
        new TeamChannel(
            e.Required("ConversationId"),
            e.Required("TeamId"),
            e.Required("ChannelId"),
            e.Required("ServiceUrl"),
            e.Required("BotId"),
            e.Required("TenantId")),
        e.RequiredInstant("SavedAt"),
        e.GetDateTimeOffset("StaleSince"),
        e.Optional("StaleReason"));
}
