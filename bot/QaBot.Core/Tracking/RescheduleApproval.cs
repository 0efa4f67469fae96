using QaBot.Core.Organisation;

namespace QaBot.Core.Tracking;

/// <summary>
/// A move beyond the council's allowance that the owner asked their line manager (or the next one up) to approve, and
/// the answer once given. The item keeps the latest one; the audit trail keeps every request and answer.
/// </summary>
/// <param name="RequestId">Unique per request: the same press twice asks once.</param>
/// <param name="To">The date the owner asked to move the item to.</param>
/// <param name="Reason">Why the owner asked (free text: never logged).</param>
/// <param name="Approver">Whom the approval card went to.</param>
/// <param name="CardVersion">The item's version once the request was written: the approval card carries it, so an answer on an older card changes nothing.</param>
/// <param name="DecisionNote">Why it was declined (free text: never logged).</param>
public sealed record RescheduleApproval(
    string RequestId,
    DateOnly To,
    string Reason,
    PersonId RequestedBy,
    DateTimeOffset RequestedAt,
    PersonId Approver,
    int CardVersion,
    ApprovalState State,
    PersonId? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? DecisionNote = null)
{
    public bool IsPending => State == ApprovalState.Pending;
}

public enum ApprovalState
{
    /// <summary>Waiting for the manager's answer.</summary>
    Pending,

    /// <summary>The manager approved: the item moved to <see cref="RescheduleApproval.To"/>.</summary>
    Approved,

    /// <summary>The manager declined, saying why: the item kept its date.</summary>
    Declined,

    /// <summary>The owner answered the item another way (done, not applicable, a move within the allowance) before the manager did.</summary>
    Withdrawn,
}
