namespace QaBot.Core.Reminders;

/// <summary>
/// The queue digests travel on between the run and the senders, with its poison queue. In Azure the Functions host
/// takes messages from it itself; the local sender (<see cref="DigestQueueDrain"/>) uses the receive side.
/// </summary>
public interface IDigestQueueClient
{
    /// <summary>Creates the queue and its poison queue if they are missing.</summary>
    Task CreateIfMissingAsync(CancellationToken cancellationToken = default);

    Task EnqueueAsync(DigestMessage message, CancellationToken cancellationToken = default);

    /// <summary>Takes up to <paramref name="maxMessages"/> messages, hiding them from others for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<QueuedDigest>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    Task DeleteAsync(QueuedDigest message, CancellationToken cancellationToken = default);

    /// <summary>Keeps a message hidden for longer (or makes it visible again with zero); returns it with its new pop receipt.</summary>
    Task<QueuedDigest> HideAsync(QueuedDigest message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Copies the message to the poison queue and deletes it here, as the Functions host does after its last attempt.</summary>
    Task MoveToPoisonAsync(QueuedDigest message, CancellationToken cancellationToken = default);

    /// <summary>Approximate numbers of messages waiting in the queue and in the poison queue.</summary>
    Task<(int Queued, int Poison)> GetDepthAsync(CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> poison messages, without taking them.</summary>
    Task<IReadOnlyList<PoisonMessage>> PeekPoisonAsync(int max, CancellationToken cancellationToken = default);
}
