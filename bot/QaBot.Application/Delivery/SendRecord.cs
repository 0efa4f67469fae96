using QaBot.Core.Scheduling;

namespace QaBot.Application.Delivery;

/// <summary>The send ledger's entry for one digest: its state, attempts so far and the outcome.</summary>
/// <param name="PossibleDuplicate">Set when an attempt may have been delivered without being recorded, so a retry might repeat it.</param>
public sealed record SendRecord(
    DigestKey Key,
    SendState State,
    int Attempts,
    int? LastStatusCode,
    string? ActivityId,
    string? ConversationId,
    IReadOnlyList<OccurrenceId> Items,
    bool PossibleDuplicate,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool IsFinal => State is SendState.Sent or SendState.Failed or SendState.Stale or SendState.NotReachable or SendState.Skipped;
}
