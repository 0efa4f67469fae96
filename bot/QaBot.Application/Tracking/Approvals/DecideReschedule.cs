using Microsoft.Extensions.Logging;
using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Tracking.Approvals;

/// <summary>
/// An approver answers a request to move an item beyond the allowance: Approve moves it as asked, Decline (with a
/// reason) leaves the date as it was. Only the requester's line manager or the next one up may answer, only on the
/// card for the request still waiting, and never past a statutory deadline. The answer is written with its audit entry
/// in one conditional update, then sent to the requester's chat on a card showing the item as it now stands.
/// </summary>
public sealed partial class DecideReschedule
{
    private readonly ITrackingStore _tracking;
    private readonly IDirectoryStore _directory;
    private readonly IConversationReferenceStore _conversations;
    private readonly IConversationSender _sender;
    private readonly IApprovalRenderer _renderer;
    private readonly Approvers _approvers;
    private readonly FrameworkCatalogue _catalogue;
    private readonly ScheduleRules _rules;
    private readonly ILogger<DecideReschedule> _logger;

    public DecideReschedule(
        ITrackingStore tracking,
        IDirectoryStore directory,
        IConversationReferenceStore conversations,
        IConversationSender sender,
        IApprovalRenderer renderer,
        Approvers approvers,
        FrameworkCatalogue catalogue,
        ScheduleRules rules,
        ILogger<DecideReschedule> logger)
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

    public async Task<DecisionOutcome> ExecuteAsync(DecisionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var item = await _tracking.GetAsync(request.Item, cancellationToken).ConfigureAwait(false);
        if (item?.Approval is not { } approval)
        {
            return DecisionOutcome.Refused(DecisionOutcomeKind.NotFound);
        }

        if (!await _approvers.MayDecideAsync(approval.RequestedBy, request.By.Id, cancellationToken).ConfigureAwait(false))
        {
            return DecisionOutcome.Refused(DecisionOutcomeKind.NotAllowed);
        }

        var requester = await _directory.GetPersonAsync(approval.RequestedBy, cancellationToken).ConfigureAwait(false);
        var outcome = new DecisionOutcome(DecisionOutcomeKind.Stale, item, requester?.DisplayName ?? DigestComposer.UnknownPersonName, null, false);
        if (approval.CardVersion != request.SeenVersion || !item.IsAwaitingApproval)
        {
            // Answered already, replaced by a newer request, or the item was closed: this card changes nothing.
            return outcome with { Kind = approval.CardVersion == request.SeenVersion && approval.State is ApprovalState.Approved or ApprovalState.Declined ? DecisionOutcomeKind.AlreadyDecided : DecisionOutcomeKind.Stale };
        }

        var today = _rules.Calendar.LocalDateOf(request.At);
        var check = _rules.EvaluateReschedule(item.Due, approval.To, today, item.StatutoryDeadline(_catalogue));
        if (request.Approve && check.Outcome == RescheduleOutcome.Refused)
        {
            return outcome with { Kind = DecisionOutcomeKind.Invalid, Problem = $"It can't be approved now: {check.Reason} Decline it, and {outcome.RequesterName} can ask again." };
        }

        if (!request.Approve && request.Reason is null)
        {
            return outcome with { Kind = DecisionOutcomeKind.Invalid, Problem = "Say why you are declining." };
        }

        var seen = request.SeenVersion;
        var remindAt = _rules.RemindersAfter(approval.To, item.Duty, request.At);
        var written = await _tracking.UpdateAsync(
            item.Key,
            current => current.IsAwaitingApproval && current.Approval!.CardVersion == seen
                ? request.Approve
                    ? ItemTransitions.Approve(current, request.By.Id, request.At, remindAt, request.Origin)
                    : ItemTransitions.Decline(current, request.By.Id, request.At, request.Reason!, request.Origin)
                : null,
            cancellationToken).ConfigureAwait(false);
        if (written.Status != ItemUpdateStatus.Updated)
        {
            return written.Item is { } now
                ? outcome with { Item = now, Kind = now.Approval?.CardVersion == seen && now.Approval.State is ApprovalState.Approved or ApprovalState.Declined ? DecisionOutcomeKind.AlreadyDecided : DecisionOutcomeKind.Stale }
                : DecisionOutcome.Refused(DecisionOutcomeKind.NotFound);
        }

        var decided = written.Item!;
        LogDecided(decided.Id.Value, request.By.Id.Value, decided.Approval!.State);
        var told = await TellRequesterAsync(decided, requester, request, today, cancellationToken).ConfigureAwait(false);
        return outcome with { Kind = DecisionOutcomeKind.Decided, Item = decided, RequesterTold = told };
    }

    /// <summary>Sends the answer to the requester's chat. The answer stands whether or not it arrives: their next card shows it.</summary>
    private async Task<bool> TellRequesterAsync(TrackedItem decided, Person? requester, DecisionRequest request, DateOnly today, CancellationToken cancellationToken)
    {
        if (requester is not { Active: true })
        {
            return false;
        }

        var stored = await _conversations.GetAsync(requester.Id, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.IsStale)
        {
            return false;
        }

        var concerns = decided.Concerns is { } c
            ? (await _directory.GetPersonAsync(c, cancellationToken).ConfigureAwait(false))?.DisplayName ?? DigestComposer.UnknownPersonName
            : null;
        var moved = Math.Abs(_rules.Calendar.WorkingDaysBetween(decided.Due, decided.Approval!.To));
        var card = new ApprovalCard(decided, requester.DisplayName, concerns, today, moved, _rules.Policy.RescheduleWithoutApprovalWorkingDays);
        var sent = await _sender.SendAsync(stored.Reference, _renderer.RenderAnswer(card, request.By.DisplayName), cancellationToken).ConfigureAwait(false);
        if (sent.IsSent)
        {
            return true;
        }

        LogAnswerNotDelivered(decided.Id.Value, requester.Id.Value, sent.Status);
        if (sent.Status == SendStatus.Stale)
        {
            await _conversations.MarkStaleAsync(requester.Id, sent.Reason ?? "stale", request.At, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    [LoggerMessage(EventId = 5112, Level = LogLevel.Information, Message = "Person {PersonId} answered the request to move item {ItemId}: {State}")]
    private partial void LogDecided(string itemId, string personId, ApprovalState state);

    [LoggerMessage(EventId = 5113, Level = LogLevel.Warning, Message = "The answer about item {ItemId} did not reach person {PersonId}: {Status}")]
    private partial void LogAnswerNotDelivered(string itemId, string personId, SendStatus status);
}

/// <summary>An approver's answer, from their approval card.</summary>
/// <param name="Item">Where the card said the item is kept (checked on the server).</param>
/// <param name="SeenVersion">The version the card was drawn for (<see cref="RescheduleApproval.CardVersion"/>): an older card changes nothing.</param>
/// <param name="Reason">Why it was declined (needed to decline). Free text: never logged.</param>
public sealed record DecisionRequest(Person By, ItemKey Item, int SeenVersion, bool Approve, string? Reason, DateTimeOffset At, AuditOrigin Origin);

public enum DecisionOutcomeKind
{
    /// <summary>The answer was written and the item moved (approved) or left as it was (declined).</summary>
    Decided,

    /// <summary>This request was answered already: nothing changed.</summary>
    AlreadyDecided,

    /// <summary>The card is for a request no longer waiting (replaced, withdrawn, the item closed): nothing changed.</summary>
    Stale,

    /// <summary>The answer cannot be given as it stands (no reason to decline, a date now past): <see cref="DecisionOutcome.Problem"/> says why.</summary>
    Invalid,

    /// <summary>No such item, or no request on it.</summary>
    NotFound,

    /// <summary>The presser is not the requester's line manager or the next one up.</summary>
    NotAllowed,
}

/// <summary>What happened to an answer. Nothing is written unless <see cref="Kind"/> is <see cref="DecisionOutcomeKind.Decided"/>.</summary>
/// <param name="RequesterTold">The answer reached the requester's chat.</param>
public sealed record DecisionOutcome(DecisionOutcomeKind Kind, TrackedItem? Item, string? RequesterName, string? Problem, bool RequesterTold)
{
    public static DecisionOutcome Refused(DecisionOutcomeKind kind) => new(kind, null, null, null, false);
}
