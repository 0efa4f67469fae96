using Microsoft.Extensions.Logging;
using QaBot.Application.Compliance;
using QaBot.Application.Organisation;
using QaBot.Application.Organisation.Leave;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Application.Tracking;

/// <summary>
/// A person answers one of their items: done (on a date, with a note), moved to a new date (with a reason) or not
/// applicable this time (with a reason). The item is read afresh and must be theirs and still outstanding; the date
/// must make sense and a move must be within the council's allowance (a move further needs the line manager's approval,
/// which the outcome says and nothing records); the change is written with its audit entry in one
/// conditional update. The same press arriving twice records once; a press on a card showing an older version of the
/// item than the stored one records nothing, so a card cannot be replayed over a change made since it was drawn.
/// </summary>
public sealed partial class RecordReply
{
    /// <summary>The name of each kind of reply, as it appears in the id that makes a repeated press harmless.</summary>
    public const string DoneVerb = "item.done";
    public const string RescheduleVerb = "item.reschedule";
    public const string NotApplicableVerb = "item.notApplicable";

    private readonly ITrackingStore _tracking;
    private readonly IDirectoryStore _directory;
    private readonly FrameworkCatalogue _catalogue;
    private readonly ScheduleRules _rules;
    private readonly ILogger<RecordReply> _logger;
    private readonly NotApplicableReasons _reasons;

    public RecordReply(ITrackingStore tracking, IDirectoryStore directory, FrameworkCatalogue catalogue, ScheduleRules rules, ILogger<RecordReply> logger, NotApplicableReasons? reasons = null)
    {
        _reasons = reasons ?? new NotApplicableReasons(new ReportOptions());
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public static string VerbOf(ReplyKind kind) => kind switch
    {
        ReplyKind.Done => DoneVerb,
        ReplyKind.Rescheduled => RescheduleVerb,
        ReplyKind.NotApplicable => NotApplicableVerb,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown reply kind."),
    };

    public async Task<ReplyOutcome> ExecuteAsync(ReplyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var item = await FindAsync(request, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return ReplyOutcome.Refused(ReplyOutcomeKind.NotFound);
        }

        if (item.Owner != request.By.Id
            && !await StandIns.HoldsAsync(_directory, item.Owner, request.By.Id, _rules.Calendar.LocalDateOf(request.At), item.StatutoryDeadline(_catalogue) is not null, cancellationToken).ConfigureAwait(false))
        {
            // Someone else's, unless they hold it while its owner is away (their cover, or their manager for a statutory item).
            return ReplyOutcome.Refused(ReplyOutcomeKind.NotYours);
        }

        var verb = VerbOf(request.Kind);
        var replyId = $"{verb}.{item.Id.Value}.v{request.SeenVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        if (item.LastReplyId == replyId)
        {
            // A second press of the same button: say what stands.
            return await AlreadyRecordedAsync(item, cancellationToken).ConfigureAwait(false);
        }

        if (item.Version != request.SeenVersion)
        {
            return ReplyOutcome.Stale(item);
        }

        if (!item.IsOutstanding)
        {
            return await AlreadyRecordedAsync(item, cancellationToken).ConfigureAwait(false);
        }

        var (reply, remindAt, problem) = Decide(request, item, replyId);
        if (problem is not null)
        {
            return ReplyOutcome.Invalid(item, problem);
        }

        if (reply is null)
        {
            // Further than the allowance: the line manager's answer moves it (RequestRescheduleApproval).
            return new ReplyOutcome(ReplyOutcomeKind.NeedsApproval, item, null, null, null);
        }

        var by = request.By.Id;
        var owner = item.Owner;
        var seen = request.SeenVersion;
        var result = await _tracking.UpdateAsync(
            item.Key,
            current => current.Owner != owner || !current.IsOutstanding || current.Version != seen ? null : ItemTransitions.Reply(current, reply!, remindAt),
            cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case ItemUpdateStatus.Updated:
                LogRecorded(verb, item.Id.Value, by.Value);
                return new ReplyOutcome(ReplyOutcomeKind.Recorded, result.Item, reply, request.By.DisplayName, null);
            case ItemUpdateStatus.Unchanged when result.Item!.LastReplyId == replyId:
                // The same press, arriving twice at once: the other one recorded it.
                return await AlreadyRecordedAsync(result.Item, cancellationToken).ConfigureAwait(false);
            case ItemUpdateStatus.Unchanged:
                // Changed (closed, moved to a new date, given to someone else) since it was read: the card is out of date.
                return ReplyOutcome.Stale(result.Item!);
            case ItemUpdateStatus.NotFound:
                return ReplyOutcome.Refused(ReplyOutcomeKind.NotFound);
            default:
                LogConflict(item.Id.Value, by.Value);
                return new ReplyOutcome(ReplyOutcomeKind.Conflict, item, null, null, null);
        }
    }

    /// <summary>
    /// The item the press names. Items follow their owner when they move area, so the presser's current home area is
    /// tried before the area the card was made with.
    /// </summary>
    private async Task<TrackedItem?> FindAsync(ReplyRequest request, CancellationToken cancellationToken)
    {
        var item = await _tracking.GetAsync(ItemKey.For(request.By, request.Item.Id), cancellationToken).ConfigureAwait(false);
        if (item is null && request.Item.Area != request.By.HomeArea)
        {
            item = await _tracking.GetAsync(request.Item, cancellationToken).ConfigureAwait(false);
        }

        return item;
    }

    /// <summary>The reply to record, or why it cannot be, in words for the person.</summary>
    private (ItemReply? Reply, IReadOnlyList<DateTimeOffset>? RemindAt, string? Problem) Decide(ReplyRequest request, TrackedItem item, string replyId)
    {
        var today = _rules.Calendar.LocalDateOf(request.At);
        switch (request.Kind)
        {
            case ReplyKind.Done:
                var date = request.Date ?? today;
                if (date > today)
                {
                    return (null, null, $"{UkDates.Format(date)} is in the future: choose the date it was done.");
                }

                // An item moved earlier than its period began (a meeting brought forward) can be done from its new date.
                var from = item.Status == ItemStatus.Rescheduled && item.RescheduledTo is { } moved && moved < item.WindowFrom ? moved : item.WindowFrom;
                return date < from
                    ? (null, null, $"{UkDates.Format(date)} is before this item's period began ({UkDates.Format(from)}): choose the date it was done for this period.")
                    : (Reply(request, item, replyId, date), null, null);

            case ReplyKind.Rescheduled:
                if (item.StatutoryDeadline(_catalogue) is { } deadline)
                {
                    // A statutory deadline follows the case's events (docs/statutory.md), never a reschedule.
                    return (null, null, $"Not rescheduled: {UkDates.Format(deadline)} is a statutory deadline. It moves only with what happens in the case: record the review held, or an extension where the procedure allows one.");
                }

                if (request.Date is not { } newDate)
                {
                    return (null, null, "Choose the new date.");
                }

                if (request.Note is null)
                {
                    return (null, null, "Say why it needs to move.");
                }

                var decision = _rules.EvaluateReschedule(item.Due, newDate, today, item.StatutoryDeadline(_catalogue));
                return decision.Outcome switch
                {
                    RescheduleOutcome.Allowed => (Reply(request, item, replyId, newDate), _rules.RemindersAfter(newDate, item.Duty, request.At), null),
                    RescheduleOutcome.NeedsApproval => (null, null, null),
                    _ => (null, null, $"Not rescheduled: {decision.Reason}"),
                };

            default:
                var code = request.ReasonCode ?? Core.Compliance.ComplianceEntry.OtherReason;
                if (!_reasons.IsKnown(code))
                {
                    return (null, null, "Choose one of the reasons listed.");
                }

                return code == Core.Compliance.ComplianceEntry.OtherReason && request.Note is null
                    ? (null, null, "Say why it does not apply this time.")
                    : (Reply(request, item, replyId, null) with { ReasonCode = code }, null, null);
        }
    }

    private static ItemReply Reply(ReplyRequest request, TrackedItem item, string replyId, DateOnly? date) =>
        new(replyId, item.Id, request.Kind, request.By.Id, request.At, date, request.Note, request.Origin);

    private async Task<ReplyOutcome> AlreadyRecordedAsync(TrackedItem item, CancellationToken cancellationToken)
    {
        var replies = await _tracking.GetRepliesAsync(item.Key, cancellationToken).ConfigureAwait(false);
        var last = replies.LastOrDefault(r => r.ReplyId == item.LastReplyId) ?? (replies.Count > 0 ? replies[^1] : null);
        if (last is null)
        {
            return new ReplyOutcome(ReplyOutcomeKind.AlreadyRecorded, item, null, null, null);
        }

        var by = await _directory.GetPersonAsync(last.By, cancellationToken).ConfigureAwait(false);
        return new ReplyOutcome(ReplyOutcomeKind.AlreadyRecorded, item, last, by?.DisplayName ?? DigestComposer.UnknownPersonName, null);
    }

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Recorded {Verb} on item {ItemId} for person {PersonId}")]
    private partial void LogRecorded(string verb, string itemId, string personId);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Warning, Message = "Item {ItemId} kept changing while person {PersonId} replied; nothing was recorded")]
    private partial void LogConflict(string itemId, string personId);
}

/// <summary>A reply to record.</summary>
/// <param name="Item">Where the card said the item is kept (a claim from the client: the server checks it).</param>
/// <param name="SeenVersion">The item's version on the card pressed: the same press twice records once.</param>
/// <param name="Date">The date it was done (Done; none means today) or the new date (Reschedule).</param>
/// <param name="Note">The note (Done) or reason (Reschedule, Not applicable). Free text: never logged.</param>
/// <param name="ReasonCode">For Not applicable: the reason chosen from the council's list; none means <c>other</c>, which needs the note.</param>
public sealed record ReplyRequest(
    Person By,
    ItemKey Item,
    int SeenVersion,
    ReplyKind Kind,
    DateOnly? Date,
    string? Note,
    DateTimeOffset At,
    AuditOrigin Origin,
    string? ReasonCode = null);

public enum ReplyOutcomeKind
{
    /// <summary>The reply was written, with its audit entry.</summary>
    Recorded,

    /// <summary>A repeated press, or the item was already answered: nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>
    /// The card showed an older version of the item than the one stored (someone changed it since the card was drawn):
    /// nothing was written; <see cref="ReplyOutcome.Item"/> is the item as it is now.
    /// </summary>
    Stale,

    /// <summary>The reply does not make sense (a future date, a move beyond the policy): <see cref="ReplyOutcome.Problem"/> says why.</summary>
    Invalid,

    /// <summary>No such item.</summary>
    NotFound,

    /// <summary>The item is someone else's.</summary>
    NotYours,

    /// <summary>Someone else kept changing the item at the same moment: nothing was recorded.</summary>
    Conflict,

    /// <summary>A move further than the allowance: nothing was recorded; it needs the line manager's approval (<see cref="Approvals.RequestRescheduleApproval"/>).</summary>
    NeedsApproval,
}

/// <summary>What happened to a reply. Nothing is written unless <see cref="Kind"/> is <see cref="ReplyOutcomeKind.Recorded"/>.</summary>
/// <param name="Item">The item as it stands afterwards (none when it could not be found or is not the person's).</param>
/// <param name="Reply">The reply recorded, or for a repeat the one that stands.</param>
/// <param name="RecordedBy">The name of whoever recorded <see cref="Reply"/>.</param>
/// <param name="Problem">Why the reply was not valid, in words for the person.</param>
public sealed record ReplyOutcome(ReplyOutcomeKind Kind, TrackedItem? Item, ItemReply? Reply, string? RecordedBy, string? Problem)
{
    public static ReplyOutcome Refused(ReplyOutcomeKind kind) => new(kind, null, null, null, null);

    public static ReplyOutcome Stale(TrackedItem item) => new(ReplyOutcomeKind.Stale, item, null, null, null);

    public static ReplyOutcome Invalid(TrackedItem item, string problem) => new(ReplyOutcomeKind.Invalid, item, null, null, problem);
}
