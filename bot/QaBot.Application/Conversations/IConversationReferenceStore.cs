using QaBot.Core.Organisation;

namespace QaBot.Application.Conversations;

/// <summary>Where QaBot keeps each person's personal chat with the bot, to message them proactively.</summary>
public interface IConversationReferenceStore
{
    /// <summary>Saves (or replaces) the person's reference and clears any stale mark. Saving the same reference again changes nothing.</summary>
    Task SaveAsync(ConversationReference reference, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<StoredConversation?> GetAsync(PersonId person, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the conversation stale (the user blocked or removed the bot: 403 or 404). Does nothing when the reference
    /// was replaced after <paramref name="at"/>: a fresh install wins over an old failure.
    /// </summary>
    Task MarkStaleAsync(PersonId person, string reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Every stored conversation, for installing the app where it is missing or stale (background work).</summary>
    Task<IReadOnlyList<StoredConversation>> ListAsync(CancellationToken cancellationToken = default);
}
