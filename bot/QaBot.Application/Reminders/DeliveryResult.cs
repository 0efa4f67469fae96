using QaBot.Application.Delivery;

namespace QaBot.Application.Reminders;

/// <summary>How one delivery of a digest ended.</summary>
/// <param name="AlreadyFinal">The ledger already had a final state (a redelivered message): nothing was sent.</param>
/// <param name="PossibleDuplicate">A send may have reached the person before (a previous try died after sending, or got no answer), so they may see it twice.</param>
/// <param name="Requests">HTTP requests made to the Bot Connector in this delivery.</param>
public sealed record DeliveryResult(DigestKey Key, SendState State, string? ActivityId, bool AlreadyFinal, bool PossibleDuplicate, int Requests);
