using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using QaBot.Application.Reminders;

namespace QaBot.Functions;

/// <summary>
/// The queue trigger: delivers the digests of one message from the <c>reminders</c> queue (up to 32 people's, side by side). An exception puts the message
/// back for the host to retry (host.json: <c>visibilityTimeout</c>); after <c>maxDequeueCount</c> tries the host moves
/// it to <c>reminders-poison</c>, which the status endpoint shows.
/// </summary>
public sealed class ReminderSendFunction
{
    /// <summary>The queue the trigger listens on, created by infra/main.bicep. Reminders:QueueName must stay at this in Azure.</summary>
    public const string QueueName = "reminders";

    private readonly DigestDelivery _delivery;

    public ReminderSendFunction(DigestDelivery delivery)
    {
        _delivery = delivery;
    }

    [Function("ReminderSend")]
    public Task<IReadOnlyList<DeliveryResult>> RunAsync([QueueTrigger(QueueName)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _delivery.DeliverAllAsync(DigestBundle.Parse(message.Body.ToString()), message.DequeueCount, cancellationToken);
    }
}
