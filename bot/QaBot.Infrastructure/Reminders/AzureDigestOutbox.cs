using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using QaBot.Application.Reminders;

namespace QaBot.Infrastructure.Reminders;

/// <summary>
/// The digest queue and its poison queue in Azure Storage: <see cref="IDigestOutbox"/> for the run and the
/// operators, and the receiving side that <see cref="DigestQueueDrain"/> uses where no Functions host takes messages. Messages are base64-encoded, as the Functions queue
/// trigger expects by default, so the timer, the queue trigger and the local sender all read each other's messages.
/// </summary>
public sealed class AzureDigestOutbox : IDigestOutbox
{
    private readonly QueueClient _queue;
    private readonly QueueClient _poison;

    public AzureDigestOutbox(QueueServiceClient service, string queueName, string poisonQueueName)
    {
        ArgumentNullException.ThrowIfNull(service);
        _queue = service.GetQueueClient(queueName);
        _poison = service.GetQueueClient(poisonQueueName);
    }

    public string QueueName => _queue.Name;

    public async Task CreateIfMissingAsync(CancellationToken cancellationToken = default)
    {
        await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task EnqueueAsync(DigestBundle message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _queue.SendMessageAsync(message.ToJson(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes up to <paramref name="maxMessages"/> messages, hiding them from others for <paramref name="visibilityTimeout"/>.</summary>
    public async Task<IReadOnlyList<QueuedDigest>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var response = await _queue.ReceiveMessagesAsync(Math.Clamp(maxMessages, 1, 32), visibilityTimeout, cancellationToken).ConfigureAwait(false);
        return response.Value.Select(m => new QueuedDigest(m.MessageId, m.PopReceipt, m.Body.ToString(), m.DequeueCount, m.InsertedOn)).ToList();
    }

    public async Task DeleteAsync(QueuedDigest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Gone already (its visibility ran out and another sender finished it): the ledger kept it from going twice.
        }
    }

    /// <summary>Keeps a message hidden for longer (or makes it visible again with zero); returns it with its new pop receipt.</summary>
    public async Task<QueuedDigest> HideAsync(QueuedDigest message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var receipt = await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: visibilityTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        return message with { PopReceipt = receipt.Value.PopReceipt };
    }

    /// <summary>Copies the message to the poison queue and deletes it here, as the Functions host does after its last attempt.</summary>
    public async Task MoveToPoisonAsync(QueuedDigest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _poison.SendMessageAsync(message.Text, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(message, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DigestBacklog> GetBacklogAsync(CancellationToken cancellationToken = default) =>
        new(await CountAsync(_queue, cancellationToken).ConfigureAwait(false), await CountAsync(_poison, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<GivenUpDigest>> PeekGivenUpAsync(int max, CancellationToken cancellationToken = default)
    {
        PeekedMessage[] peeked;
        try
        {
            peeked = (await _poison.PeekMessagesAsync(Math.Clamp(max, 1, 32), cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }

        return peeked.SelectMany(m => GivenUpDigest.Of(m.MessageId, m.Body.ToString(), m.InsertedOn)).ToList();
    }

    private static async Task<int> CountAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            return properties.Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }
    }
}
