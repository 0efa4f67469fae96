namespace QaBot.Application.Reminders;

/// <summary>
/// Where digests wait between the run that decides who gets one and the sender that delivers them. What takes them
/// off again (the Functions queue trigger in Azure, the local sender otherwise) belongs to the host that runs it.
/// </summary>
public interface IDigestOutbox
{
    /// <summary>Creates the queue, and the place digests go when every attempt failed, if they are missing.</summary>
    Task CreateIfMissingAsync(CancellationToken cancellationToken = default);

    Task EnqueueAsync(DigestMessage message, CancellationToken cancellationToken = default);

    /// <summary>Approximate numbers of digests waiting to be sent and of digests given up after their last attempt.</summary>
    Task<DigestBacklog> GetBacklogAsync(CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> of the digests given up, for operators, without taking them.</summary>
    Task<IReadOnlyList<GivenUpDigest>> PeekGivenUpAsync(int max, CancellationToken cancellationToken = default);
}

/// <summary>Digests waiting to be sent, and digests given up after their last attempt.</summary>
public readonly record struct DigestBacklog(int Waiting, int GivenUp);
