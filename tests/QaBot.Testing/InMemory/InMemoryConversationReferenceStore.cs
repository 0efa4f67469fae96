using QaBot.Application.Conversations;
using QaBot.Core.Organisation;

namespace QaBot.Testing.InMemory;

/// <summary><see cref="IConversationReferenceStore"/> in memory, with the table store's semantics: one reference per person, stale marks that a newer save clears and an older failure cannot set.</summary>
public sealed class InMemoryConversationReferenceStore : IConversationReferenceStore
{
    private readonly object _gate = new();
    private readonly Dictionary<PersonId, StoredConversation> _conversations = [];

    /// <summary>Saves that changed what was stored.</summary>
    public int Writes { get; private set; }

    public Task SaveAsync(ConversationReference reference, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        lock (_gate)
        {
            if (_conversations.TryGetValue(reference.PersonId, out var stored) && !stored.IsStale && stored.Reference == reference)
            {
                return Task.CompletedTask;
            }

            _conversations[reference.PersonId] = new StoredConversation(reference, at, null, null, stored?.GreetedAt);
            Writes++;
        }

        return Task.CompletedTask;
    }

    public Task<bool> GreetOnceAsync(ConversationReference reference, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        lock (_gate)
        {
            var stored = _conversations.GetValueOrDefault(reference.PersonId);
            if (stored?.GreetedAt is { } greeted && at >= greeted && at - greeted < window)
            {
                return Task.FromResult(false);
            }

            _conversations[reference.PersonId] = stored is { IsStale: false } && stored.Reference == reference
                ? stored with { GreetedAt = Latest(stored.GreetedAt, at) }
                : new StoredConversation(reference, at, null, null, Latest(stored?.GreetedAt, at));
            Writes++;
            return Task.FromResult(true);
        }
    }

    public Task<StoredConversation?> GetAsync(PersonId person, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_conversations.TryGetValue(person, out var stored) ? stored : null);
        }
    }

    public Task MarkStaleAsync(PersonId person, string reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        lock (_gate)
        {
            if (_conversations.TryGetValue(person, out var stored) && stored.SavedAt <= at && !stored.IsStale)
            {
                _conversations[person] = stored with { StaleSince = at, StaleReason = reason };
                Writes++;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredConversation>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<StoredConversation> all = _conversations.Values.OrderBy(c => c.Reference.PersonId.Value, StringComparer.Ordinal).ToList();
            return Task.FromResult(all);
        }
    }

    /// <summary>The later of two greeting times: an install event arriving late does not shorten the window of the one before.</summary>
    private static DateTimeOffset Latest(DateTimeOffset? greeted, DateTimeOffset at) => greeted is { } before && before > at ? before : at;
}
