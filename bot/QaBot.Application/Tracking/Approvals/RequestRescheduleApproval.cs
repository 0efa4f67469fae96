using System.Globalization;
using Microsoft.Extensions.Logging;
using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Core.Framework;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Tracking.Approvals;

/// <summary>
/// A person asks to move their item further than the council's allowance: the request is written on the item with its
/// audit entry (conditional on the item as their card showed it), then an approval card goes to their line manager, or
/// the next one up when the line manager cannot be reached. If Teams does not take the card the request is withdrawn,
/// so nothing waits on a card nobody has. Statutory deadlines are never moved, approval or not.
/// </summary>
public sealed partial class RequestRescheduleApproval
{
    private readonly ITrackingStore _tracking;
    private readonly IDirectoryStore _directory;
    private readonly IConversationReferenceStore _conversations;
    private readonly IConversationSender _sender;
    private readonly IApprovalRenderer _renderer;
    private readonly Approvers _approvers;
    private readonly FrameworkCatalogue _catalogue;
    private readonly ScheduleRules _rules;
    private readonly ILogger<RequestRescheduleApproval> _logger;

    public RequestRescheduleApproval(
        ITrackingStore tracking,
        IDirectoryStore directory,
        IConversationReferenceStore conversations,
        IConversationSender sender,
        IApprovalRenderer renderer,
        Approvers approvers,
        FrameworkCatalogue catalogue,
        ScheduleRules rules,
        ILogger<RequestRescheduleApproval> logger)
    {
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _sender = sender ?? throw new ArgumentNullException(nameof(sender));
        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
        _approvers = approvers ?? throw new ArgumentNullException(nameof(approvers));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <param name="request">A reschedule press (<see cref="ReplyKind.Rescheduled"/>) whose new date needs approval.</param>
    public async Task<ApprovalRequestOutcome> ExecuteAsync(ReplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind != ReplyKind.Rescheduled)
        {
            throw new ArgumentException("Only a reschedule asks for approval.", nameof(request));
        }

        var by = request.By;
        var item = await _tracking.GetAsync(ItemKey.For(by, request.Item.Id), cancellationToken).ConfigureAwait(false);
        if (item is null && request.Item.Area != by.HomeArea)
        {
            item = await _tracking.GetAsync(request.Item, cancellationToken).ConfigureAwait(false);
        }

        if (item is null || item.Owner != by.Id)
        {
            return new ApprovalRequestOutcome(item is null ? ApprovalRequestOutcomeKind.NotFound : ApprovalRequestOutcomeKind.NotYours, null, null, null);
        }

        var requestId = string.Create(CultureInfo.InvariantCulture, $"approval.{item.Id.Value}.v{request.SeenVersion}");
        if (item.Approval?.RequestId == requestId)
        {
            // The same press twice: the first one asked.
            var asked = await _directory.GetPersonAsync(item.Approval.Approver, cancellationToken).ConfigureAwait(false);
            return new ApprovalRequestOutcome(ApprovalRequestOutcomeKind.AlreadyRequested, item, asked?.DisplayName ?? DigestComposer.UnknownPersonName, null);
        }

        if (item.Version != request.SeenVersion || !item.IsOutstanding)
        {
            return new ApprovalRequestOutcome(ApprovalRequestOutcomeKind.Stale, item, null, null);
        }

        if (request.Date is not { } to || request.Note is not { } reason)
        {
            return Invalid(item, request.Date is null ? "Choose the new date." : "Say why it needs to move.");
        }

        var today = _rules.Calendar.LocalDateOf(request.At);
        var decision = _rules.EvaluateReschedule(item.Due, to, today, item.StatutoryDeadline(_catalogue));
        if (decision.Outcome != RescheduleOutcome.NeedsApproval)
        {
            return Invalid(item, decision.Reason ?? "This move does not need approval: save it again.");
        }

        if (await _approvers.FindReachableAsync(by.Id, cancellationToken).ConfigureAwait(false) is not var (approver, conversation))
        {
            return Invalid(item, !_approvers.IsMember(by)
                ? $"Not rescheduled: {decision.Reason} QaBot can't reach your line manager or the manager above them in Teams, so ask them directly."
                : _approvers.HasMemberSupport
                    ? $"Not rescheduled: {decision.Reason} A member's item moves that far with the member-support officer's agreement, and QaBot can't reach them in Teams, so ask them directly."
                    : $"Not rescheduled: {decision.Reason} A member's item moves that far only with the member-support officer's agreement, and the council has not named one: ask the QA team.");
        }

        var approval = new RescheduleApproval(requestId, to, reason, by.Id, request.At, approver.Id, 0, ApprovalState.Pending);
        var seen = request.SeenVersion;
        var written = await _tracking.UpdateAsync(
            item.Key,
            current => current.Owner == by.Id && current.IsOutstanding && current.Version == seen ? ItemTransitions.RequestApproval(current, approval, request.Origin) : null,
            cancellationToken).ConfigureAwait(false);
        if (written.Status != ItemUpdateStatus.Updated)
        {
            return written.Item is { } now
                ? new ApprovalRequestOutcome(now.Approval?.RequestId == requestId ? ApprovalRequestOutcomeKind.AlreadyRequested : ApprovalRequestOutcomeKind.Stale, now, approver.DisplayName, null)
                : new ApprovalRequestOutcome(ApprovalRequestOutcomeKind.NotFound, null, null, null);
        }

        var requested = written.Item!;
        var concerns = requested.Concerns is { } c
            ? (await _directory.GetPersonAsync(c, cancellationToken).ConfigureAwait(false))?.DisplayName ?? DigestComposer.UnknownPersonName
            : null;
        var card = new ApprovalCard(requested, by.DisplayName, concerns, today, Math.Abs(decision.WorkingDaysMoved), _rules.Policy.RescheduleWithoutApprovalWorkingDays);
        var sent = await _sender.SendAsync(conversation.Reference, _renderer.RenderRequest(card), cancellationToken).ConfigureAwait(false);
        if (sent.IsSent)
        {
            LogRequested(requested.Id.Value, by.Id.Value, approver.Id.Value);
            return new ApprovalRequestOutcome(ApprovalRequestOutcomeKind.Requested, requested, approver.DisplayName, null);
        }

        LogNotDelivered(requested.Id.Value, approver.Id.Value, sent.Status, sent.StatusCode ?? 0);
        var withdrawn = await _tracking.UpdateAsync(
            item.Key,
            current => ItemTransitions.WithdrawApproval(current, requestId, request.At, sent.Status.ToString(), request.Origin),
            cancellationToken).ConfigureAwait(false);
        if (sent.Status == SendStatus.Stale)
        {
            await _conversations.MarkStaleAsync(approver.Id, sent.Reason ?? "stale", request.At, cancellationToken).ConfigureAwait(false);
        }

        return new ApprovalRequestOutcome(ApprovalRequestOutcomeKind.NotDelivered, withdrawn.Item ?? requested, approver.DisplayName, null);
    }

    private static ApprovalRequestOutcome Invalid(TrackedItem item, string problem) => new(ApprovalRequestOutcomeKind.Invalid, item, null, problem);

    [LoggerMessage(EventId = 5110, Level = LogLevel.Information, Message = "Person {PersonId} asked person {ApproverId} to approve moving item {ItemId}")]
    private partial void LogRequested(string itemId, string personId, string approverId);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Warning, Message = "The approval card for item {ItemId} to person {ApproverId} was not delivered: {Status} ({StatusCode}); the request was withdrawn")]
    private partial void LogNotDelivered(string itemId, string approverId, SendStatus status, int statusCode);
}

public enum ApprovalRequestOutcomeKind
{
    /// <summary>The request was written on the item and the approval card sent.</summary>
    Requested,

    /// <summary>The same request arrived again: it was already sent.</summary>
    AlreadyRequested,

    /// <summary>The card showed an older version of the item, or it is no longer outstanding: nothing was written.</summary>
    Stale,

    /// <summary>The move cannot be asked for (a past date, past a statutory deadline, no one to ask): <see cref="ApprovalRequestOutcome.Problem"/> says why.</summary>
    Invalid,

    /// <summary>Teams did not take the approval card: the request was withdrawn.</summary>
    NotDelivered,

    /// <summary>No such item.</summary>
    NotFound,

    /// <summary>The item is someone else's.</summary>
    NotYours,
}

/// <summary>What happened to a request for approval.</summary>
/// <param name="ApproverName">Whom the card went to (or would have).</param>
/// <param name="Problem">Why it could not be asked, in words for the person.</param>
public sealed record ApprovalRequestOutcome(ApprovalRequestOutcomeKind Kind, TrackedItem? Item, string? ApproverName, string? Problem);
