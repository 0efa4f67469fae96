namespace QaBot.Application.Reminders;

/// <summary>
/// Where digests wait between the run that decides who gets one and the sender that delivers them. What takes them
/// off again (the Functions queue trigger in Azure, the local sender otherwise) belongs to the host that runs it.
/// </summary>
public interface IDigestOutbox
{
    /// <summary>Creates the queue, and the place digests go when every attempt failed, if they are missing.</summary>
    Task CreateIfMissingAsync(CancellationToken cancellationToken = default);

    Task EnqueueAsync(DigestBundle message, CancellationToken cancellationToken = default);

    /// <summary>Approximate numbers of queue messages waiting to be sent and given up after their last attempt (each holds one or more digests).</summary>
    Task<DigestBacklog> GetBacklogAsync(CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> of the digests given up, for operators, without taking them.</summary>
    Task<IReadOnlyList<GivenUpDigest>> PeekGivenUpAsync(int max, CancellationToken cancellationToken = default);
}

/// <summary>Queue messages waiting to be sent, and given up after their last attempt; each holds one or more digests (<see cref="DigestBundle"/>).</summary>
public readonly record struct DigestBacklog(int Waiting, int GivenUp);
