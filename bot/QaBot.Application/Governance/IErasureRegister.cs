using QaBot.Core.Organisation;

namespace QaBot.Application.Governance;

/// <summary>
/// The record of every erasure: the pseudonym given (never the original id), when, by whom and why. Kept outside the
/// snapshots, so that a restore from a backup taken before an erasure can be followed by applying it again.
/// </summary>
public interface IErasureRegister
{
    /// <summary>Adds the erasure, or leaves the one already recorded for this pseudonym as it is.</summary>
    Task RecordAsync(ErasureRecord erasure, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ErasureRecord>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>One erasure: <paramref name="Reason"/> is <c>request</c> (a lawful request) or <c>retention</c> (a leaver past retention), with any reference given.</summary>
public sealed record ErasureRecord(PersonId Pseudonym, DateTimeOffset At, Core.Tracking.Actor Actor, string Reason);
