using QaBot.Core.Organisation;
using QaBot.Core.Reminders;

namespace QaBot.Application.Reminders;

/// <summary>Composes a person's digest from current data when its turn comes to be sent.</summary>
public interface IDigestSource
{
    /// <summary>The person's digest as of the local date; null when they are not an active person in the directory.</summary>
    Task<Digest?> ComposeAsync(PersonId recipient, DateOnly asOf, string runId, CancellationToken cancellationToken = default);
}
