using QaBot.Application.Conversations;
using QaBot.Application.Storage;
using QaBot.Core;
using QaBot.Core.Organisation;

namespace QaBot.Application.Delivery;

/// <summary>
/// The send ledger: one entry per digest (run and person) with every attempt, so that a redelivered queue message
/// does not send again and operators can see what failed.
/// </summary>
public interface ISendLedger
{
    Task<Versioned<SendRecord>?> GetAsync(DigestKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The entries of several digests of one run, read together (a batch of queue messages): those that exist, by
    /// person. A store that can read them faster than one after another overrides this.
    /// </summary>
    async Task<IReadOnlyDictionary<PersonId, Versioned<SendRecord>>> GetManyAsync(string runId, IReadOnlyCollection<PersonId> people, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(people);
        var found = new Dictionary<PersonId, Versioned<SendRecord>>();
        foreach (var person in people.Distinct())
        {
            if (await GetAsync(new DigestKey(runId, person), cancellationToken).ConfigureAwait(false) is { } entry)
            {
                found[person] = entry;
            }
        }

        return found;
    }

    /// <summary>Creates the entry; a conflict when it already exists (the digest was queued before).</summary>
    Task<WriteResult> CreateAsync(SendRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates the entry only if it is still at <paramref name="expectedVersion"/>, adding <paramref name="attempts"/>
    /// (the HTTP attempts of a <see cref="SendOutcome"/>) to its history in the same transaction. Number them through
    /// <see cref="SendRecord.Attempts"/>: the new record's count includes them, so they are stored as attempts
    /// <c>Attempts - attempts.Count + 1</c> to <c>Attempts</c>.
    /// </summary>
    Task<WriteResult> SaveAsync(SendRecord record, string expectedVersion, IReadOnlyList<SendAttempt> attempts, CancellationToken cancellationToken = default);

    /// <summary>Every digest of a run, for the operators' view.</summary>
    Task<IReadOnlyList<SendRecord>> ListRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Every HTTP attempt made for the digest, in order.</summary>
    Task<IReadOnlyList<SendAttempt>> GetAttemptsAsync(DigestKey key, CancellationToken cancellationToken = default);
}
