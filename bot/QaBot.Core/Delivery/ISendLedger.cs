using QaBot.Core.Storage;

namespace QaBot.Core.Delivery;

/// <summary>
/// The send ledger: one entry per digest (run and person) with every attempt, so that a redelivered queue message
/// does not send again and operators can see what failed.
/// </summary>
public interface ISendLedger
{
    Task<Versioned<SendRecord>?> GetAsync(DigestKey key, CancellationToken cancellationToken = default);

    /// <summary>Creates the entry; a conflict when it already exists (the digest was queued before).</summary>
    Task<WriteResult> CreateAsync(SendRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates the entry only if it is still at <paramref name="expectedVersion"/>, adding <paramref name="attempt"/>
    /// (if any) to its history in the same transaction.
    /// </summary>
    Task<WriteResult> SaveAsync(SendRecord record, string expectedVersion, SendAttempt? attempt, CancellationToken cancellationToken = default);

    /// <summary>Every digest of a run, for the operators' view.</summary>
    Task<IReadOnlyList<SendRecord>> ListRunAsync(string runId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SendAttempt>> GetAttemptsAsync(DigestKey key, CancellationToken cancellationToken = default);
}
