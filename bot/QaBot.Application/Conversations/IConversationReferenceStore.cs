using QaBot.Core.Organisation;

namespace QaBot.Application.Conversations;

/// <summary>Where QaBot keeps each person's personal chat with the bot, to message them proactively.</summary>
public interface IConversationReferenceStore
{
    /// <summary>Saves (or replaces) the person's reference and clears any stale mark. Saving the same reference again changes nothing.</summary>
    Task SaveAsync(ConversationReference reference, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<StoredConversation?> GetAsync(PersonId person, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the reference as <see cref="SaveAsync"/> does and records that the person is greeted at <paramref name="at"/>,
    /// unless they were greeted in the <paramref name="window"/> before it, by this or any other instance of the bot:
    /// then false, and nothing changed.
    /// </summary>
    Task<bool> GreetOnceAsync(ConversationReference reference, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored conversations of several people, read together (a batch of digests): those that exist, by person.
    /// A store that can read them in fewer round trips than one each overrides this.
    /// </summary>
    async Task<IReadOnlyDictionary<PersonId, StoredConversation>> GetManyAsync(IReadOnlyCollection<PersonId> people, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(people);
        var found = new Dictionary<PersonId, StoredConversation>();
        foreach (var person in people.Distinct())
        {
            if (await GetAsync(person, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                found[person] = stored;
            }
        }

        return found;
    }

    /// <summary>
    /// Marks the conversation stale (the user blocked or removed the bot: 403 or 404). Does nothing when the reference
    /// was replaced after <paramref name="at"/>: a fresh install wins over an old failure.
    /// </summary>
    Task MarkStaleAsync(PersonId person, string reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Every stored conversation, for installing the app where it is missing or stale (background work).</summary>
    Task<IReadOnlyList<StoredConversation>> ListAsync(CancellationToken cancellationToken = default);
}
