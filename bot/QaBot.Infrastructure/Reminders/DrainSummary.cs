using QaBot.Application.Delivery;
using QaBot.Application.Reminders;

namespace QaBot.Infrastructure.Reminders;

/// <summary>What a local sender did with the queue: each delivery's result, and messages put back or poisoned.</summary>
public sealed record DrainSummary(IReadOnlyList<DeliveryResult> Deliveries, int PutBack, int Poisoned)
{
    public int Count(SendState state) => Deliveries.Count(d => !d.AlreadyFinal && d.State == state);

    public int PossibleDuplicates => Deliveries.Count(d => d.PossibleDuplicate && !d.AlreadyFinal);
}
