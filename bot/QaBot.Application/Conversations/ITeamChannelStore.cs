namespace QaBot.Application.Conversations;

/// <summary>Where QaBot keeps the Teams channels it has been added to, to post reports into them.</summary>
public interface ITeamChannelStore
{
    /// <summary>Saves (or replaces) the channel and clears any stale mark. Saving the same channel again changes nothing.</summary>
    Task SaveAsync(TeamChannel channel, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The channel with this conversation id, or null when the app has not been seen in it.</summary>
    Task<StoredTeamChannel?> GetAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the channel stale (the app was removed from the team: 403 or 404). Does nothing when the channel was saved
    /// again after <paramref name="at"/>: a fresh install wins over an old failure.
    /// </summary>
    Task MarkStaleAsync(string conversationId, string reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Every stored channel, for the operators' view.</summary>
    Task<IReadOnlyList<StoredTeamChannel>> ListAsync(CancellationToken cancellationToken = default);
}
