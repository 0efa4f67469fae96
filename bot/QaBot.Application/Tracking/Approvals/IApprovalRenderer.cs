using QaBot.Application.Conversations;
using QaBot.Core.Tracking;

namespace QaBot.Application.Tracking.Approvals;

/// <summary>Turns an approval request, and the answer to it, into the messages people receive (Adaptive Cards in Teams).</summary>
public interface IApprovalRenderer
{
    /// <summary>The card the approver gets: the item, the move asked for and why, with Approve and Decline (with a reason).</summary>
    OutboundMessage RenderRequest(ApprovalCard card);

    /// <summary>The card the requester gets once the approver has answered: the answer on top of the item as it now stands.</summary>
    OutboundMessage RenderAnswer(ApprovalCard card, string deciderName);
}

/// <summary>An item waiting on (or answered by) an approver, with the names the cards show.</summary>
/// <param name="Item">The item, carrying the request in <see cref="TrackedItem.Approval"/>.</param>
/// <param name="WorkingDaysMoved">How far the move takes the original due date, in working days.</param>
/// <param name="AllowanceWorkingDays">How far the owner may move it without approval.</param>
public sealed record ApprovalCard(TrackedItem Item, string RequesterName, string? ConcernsName, DateOnly AsOf, int WorkingDaysMoved, int AllowanceWorkingDays)
{
    public RescheduleApproval Approval => Item.Approval ?? throw new InvalidOperationException($"Item {Item.Id} carries no approval request.");
}
