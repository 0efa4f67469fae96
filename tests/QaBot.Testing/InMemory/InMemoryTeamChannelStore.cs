using QaBot.Application.Conversations;

namespace QaBot.Testing.InMemory;

/// <summary><see cref="ITeamChannelStore"/> in memory, with the table store's semantics: one entry per channel, stale marks that a newer save clears and an older failure cannot set.</summary>
public sealed class InMemoryTeamChannelStore : ITeamChannelStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, StoredTeamChannel> _channels = new(StringComparer.Ordinal);

    public Task SaveAsync(TeamChannel channel, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            if (!(_channels.TryGetValue(channel.ConversationId, out var stored) && !stored.IsStale && stored.Channel == channel))
            {
                _channels[channel.ConversationId] = new StoredTeamChannel(channel, at, null, null);
            }
        }

        return Task.CompletedTask;
    }

    public Task<StoredTeamChannel?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        lock (_gate)
        {
            return Task.FromResult(_channels.TryGetValue(conversationId, out var stored) ? stored : null);
        }
    }

    public Task MarkStaleAsync(string conversationId, string reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        lock (_gate)
        {
            if (_channels.TryGetValue(conversationId, out var stored) && stored.SavedAt <= at && !stored.IsStale)
            {
                _channels[conversationId] = stored with { StaleSince = at, StaleReason = reason };
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredTeamChannel>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<StoredTeamChannel> all = _channels.Values.OrderBy(c => c.Channel.ConversationId, StringComparer.Ordinal).ToList();
            return Task.FromResult(all);
        }
    }
}
