using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Activities;
using QaBot.Conversations.Cards;
using QaBot.Conversations.Digests;
using QaBot.Conversations.Text;
using QaBot.Core.Conversations;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Conversations.Turns;

/// <summary>
/// Button presses on QaBot's cards. Every press is checked on the server against fresh data: the item must exist and
/// be the presser's (or, for a nudge, in the area they lead); the policy's limits apply to a new date; a repeated
/// press changes nothing. A refusal is an <c>application/vnd.microsoft.error</c> response and writes nothing; an
/// answer the person can act on (a date too far out, a missing reason) is the same card with the reason on top.
/// </summary>
public sealed class CardActionHandler
{
    private readonly ITrackingStore _tracking;
    private readonly IDirectoryStore _directory;
    private readonly IConversationReferenceStore _conversations;
    private readonly IConversationSender _sender;
    private readonly ViewRenderer _views;
    private readonly ItemPresenter _items;
    private readonly DigestCardBuilder _digestCards;
    private readonly LogActivityCardBuilder _logCards;
    private readonly AreaTreeCache _areas;
    private readonly OrganisationPolicy _policy;
    private readonly ILogger<CardActionHandler> _logger;

    public CardActionHandler(
        ITrackingStore tracking,
        IDirectoryStore directory,
        IConversationReferenceStore conversations,
        IConversationSender sender,
        ViewRenderer views,
        ItemPresenter items,
        DigestCardBuilder digestCards,
        LogActivityCardBuilder logCards,
        AreaTreeCache areas,
        OrganisationPolicy policy,
        ILogger<CardActionHandler> logger)
    {
        _tracking = tracking ?? throw new ArgumentNullException(nameof(tracking));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _sender = sender ?? throw new ArgumentNullException(nameof(sender));
        _views = views ?? throw new ArgumentNullException(nameof(views));
        _items = items ?? throw new ArgumentNullException(nameof(items));
        _digestCards = digestCards ?? throw new ArgumentNullException(nameof(digestCards));
        _logCards = logCards ?? throw new ArgumentNullException(nameof(logCards));
        _areas = areas ?? throw new ArgumentNullException(nameof(areas));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    private ScheduleRules Rules => _items.Composer.Rules;

    public async Task<InvokeResponse> HandleAsync(IncomingTurn turn, Person person, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(person);
        var action = turn.CardAction ?? throw new ArgumentException("A card action turn carries the action.", nameof(turn));
        var today = Rules.Calendar.LocalDateOf(now);
        if (!CardActionRequest.TryRead(action, out var request, out var problem))
        {
            return Refuse(action.Verb, person, 400, "BadActionData", problem!,
                "QaBot couldn't read this button. Ask me for a fresh card (\"my tasks\") and try again.");
        }

        var origin = new AuditOrigin("teams", string.IsNullOrEmpty(turn.ActivityId) ? null : turn.ActivityId);
        return request!.Verb switch
        {
            CardVerbs.Done or CardVerbs.Reschedule or CardVerbs.NotApplicable => await ReplyAsync(request, person, now, today, origin, cancellationToken).ConfigureAwait(false),
            CardVerbs.Nudge => await NudgeAsync(request, person, now, today, origin, cancellationToken).ConfigureAwait(false),
            CardVerbs.LogActivity => await LogAsync(request, turn, person, now, today, origin, cancellationToken).ConfigureAwait(false),
            _ => await CardAsync(person, request.View, today, null, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<InvokeResponse> ReplyAsync(CardActionRequest request, Person person, DateTimeOffset now, DateOnly today, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var reference = request.Item!;
        var (item, refusal) = await FindOwnItemAsync(request, person, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var replyId = $"{request.Verb}.{item!.Id.Value}.v{reference.Version.ToString(CultureInfo.InvariantCulture)}";
        if (item.LastReplyId == replyId || !item.IsOutstanding)
        {
            // A second press of the same button, or a press on a card older than the last reply: say what stands.
            return await CardAsync(person, request.View, today, await AlreadyRecordedAsync(item, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        var (reply, remindAt, invalid) = ReadReply(request, item, replyId, person, now, today, origin);
        if (invalid is not null)
        {
            return await CardAsync(person, request.View, today, CardNotice.Warning(invalid), cancellationToken).ConfigureAwait(false);
        }

        var result = await _tracking.UpdateAsync(
            item.Key,
            current => current.Owner != person.Id || !current.IsOutstanding ? null : ItemTransitions.Reply(current, reply!, remindAt),
            cancellationToken).ConfigureAwait(false);

        switch (result.Status)
        {
            case ItemUpdateStatus.Updated:
                ConversationLog.Recorded(_logger, request.Verb, item.Id.Value, person.Id.Value);
                return await CardAsync(person, request.View, today, CardNotice.Success("Recorded. " + Describe(result.Item!, reply!, person.DisplayName)), cancellationToken).ConfigureAwait(false);

            case ItemUpdateStatus.Unchanged when result.Item is { } current:
                return await CardAsync(person, request.View, today, await AlreadyRecordedAsync(current, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

            case ItemUpdateStatus.NotFound:
                return Refuse(request.Verb, person, 404, "ItemNotFound", "item gone", "This item no longer exists in QaBot, so nothing was recorded. Ask me for a fresh card (\"my tasks\").");

            default:
                ConversationLog.Conflict(_logger, item.Id.Value, person.Id.Value);
                return await CardAsync(person, request.View, today,
                    CardNotice.Warning("Someone else was changing this item at the same moment, so nothing was recorded. Please try again."), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The item a reply button names, checked: it must exist and be the presser's. Items follow their owner when they
    /// move area, so the presser's current home area is tried before the area the card was made with.
    /// </summary>
    private async Task<(TrackedItem? Item, InvokeResponse? Refusal)> FindOwnItemAsync(CardActionRequest request, Person person, CancellationToken cancellationToken)
    {
        var reference = request.Item!;
        var item = await _tracking.GetAsync(ItemKey.For(person, reference.Id), cancellationToken).ConfigureAwait(false);
        if (item is null && reference.Area != person.HomeArea)
        {
            item = await _tracking.GetAsync(reference.Key, cancellationToken).ConfigureAwait(false);
        }

        if (item is null)
        {
            return (null, Refuse(request.Verb, person, 404, "ItemNotFound", "no such item",
                "This item no longer exists in QaBot, so nothing was recorded. Ask me for a fresh card (\"my tasks\")."));
        }

        if (item.Owner != person.Id)
        {
            return (null, Refuse(request.Verb, person, 403, "NotYourItem", "item belongs to someone else",
                "This item belongs to someone else, so you can't record a reply to it."));
        }

        return (item, null);
    }

    /// <summary>The reply the press asks for, or why it cannot be recorded, in words for the person.</summary>
    private (ItemReply? Reply, IReadOnlyList<DateTimeOffset>? RemindAt, string? Invalid) ReadReply(
        CardActionRequest request, TrackedItem item, string replyId, Person person, DateTimeOffset now, DateOnly today, AuditOrigin origin)
    {
        var slot = request.Item!.Slot;
        switch (request.Verb)
        {
            case CardVerbs.Done:
            {
                if (!request.TryGetDate(ActionData.DoneOnInput(slot), out var on) || !request.TryGetText(ActionData.DoneNoteInput(slot), out var note))
                {
                    return (null, null, "The date or note could not be read. Please try again.");
                }

                var date = on ?? today;
                if (date > today)
                {
                    return (null, null, $"{UkDates.Format(date)} is in the future: choose the date it was done.");
                }

                if (date < item.WindowFrom)
                {
                    return (null, null, $"{UkDates.Format(date)} is before this item's period began ({UkDates.Format(item.WindowFrom)}): choose the date it was done for this period.");
                }

                return (new ItemReply(replyId, item.Id, ReplyKind.Done, person.Id, now, date, note, origin), null, null);
            }

            case CardVerbs.Reschedule:
            {
                if (!request.TryGetDate(ActionData.NewDateInput(slot), out var to) || !request.TryGetText(ActionData.MoveReasonInput(slot), out var reason))
                {
                    return (null, null, "The new date or reason could not be read. Please try again.");
                }

                if (to is not { } newDate)
                {
                    return (null, null, "Choose the new date.");
                }

                if (reason is null)
                {
                    return (null, null, "Say why it needs to move.");
                }

                var decision = Rules.EvaluateReschedule(item.Due, newDate, today, _items.StatutoryDeadline(item));
                if (!decision.IsAllowed)
                {
                    return (null, null, $"Not rescheduled: {decision.Reason}");
                }

                var remindAt = Rules.Policy.ReminderLeadWorkingDays
                    .Select(lead => Rules.Calendar.ToInstant(Rules.Calendar.AddWorkingDays(newDate, -lead), Rules.Policy.ReminderTime))
                    .Where(at => at > now)
                    .ToList();
                return (new ItemReply(replyId, item.Id, ReplyKind.Rescheduled, person.Id, now, newDate, reason, origin), remindAt, null);
            }

            default:
            {
                if (!request.TryGetText(ActionData.NotApplicableReasonInput(slot), out var reason))
                {
                    return (null, null, "The reason could not be read. Please try again.");
                }

                return reason is null
                    ? (null, null, "Say why it does not apply this time.")
                    : (new ItemReply(replyId, item.Id, ReplyKind.NotApplicable, person.Id, now, null, reason, origin), null, null);
            }
        }
    }

    private string Describe(TrackedItem item, ItemReply reply, string byName)
    {
        var title = _items.Title(item, null);
        var what = reply.Kind switch
        {
            ReplyKind.Done => $"{title}: done on {UkDates.Format(reply.Date!.Value)}",
            ReplyKind.Rescheduled => $"{title}: moved to {UkDates.Format(reply.Date!.Value)}",
            _ => $"{title}: not applicable this time",
        };
        if (reply.Note is { } note)
        {
            what += reply.Kind == ReplyKind.Done ? $" (note: {note})" : $" (reason: {note})";
        }

        var at = Rules.Calendar.ToLocalTime(reply.At);
        return $"{what}. Recorded by {byName} at {UkDates.Time(at)} on {UkDates.Format(DateOnly.FromDateTime(at.DateTime))}.";
    }

    private async Task<CardNotice> AlreadyRecordedAsync(TrackedItem item, CancellationToken cancellationToken)
    {
        var replies = await _tracking.GetRepliesAsync(item.Key, cancellationToken).ConfigureAwait(false);
        var last = replies.LastOrDefault(r => r.ReplyId == item.LastReplyId) ?? (replies.Count > 0 ? replies[^1] : null);
        if (last is null)
        {
            return CardNotice.Information($"{_items.Title(item, null)} is already {(item.IsOutstanding ? "open" : "closed")}; nothing was changed.");
        }

        var by = await _directory.GetPersonAsync(last.By, cancellationToken).ConfigureAwait(false);
        return CardNotice.Information("Already recorded, nothing changed. " + Describe(item, last, by?.DisplayName ?? DigestComposer.UnknownPersonName));
    }

    private async Task<InvokeResponse> NudgeAsync(CardActionRequest request, Person viewer, DateTimeOffset now, DateOnly today, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var item = await _tracking.GetAsync(request.Item!.Key, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return Refuse(request.Verb, viewer, 404, "ItemNotFound", "no such item", "This item no longer exists in QaBot, so no reminder was sent.");
        }

        if (item.Owner == viewer.Id || !await MayNudgeAsync(viewer, item, today, cancellationToken).ConfigureAwait(false))
        {
            return Refuse(request.Verb, viewer, 403, "NotAllowed", "item outside the viewer's area",
                "You can nudge people only about items in the area you lead, or escalated to you.");
        }

        var owner = await _directory.GetPersonAsync(item.Owner, cancellationToken).ConfigureAwait(false);
        var ownerName = owner?.DisplayName ?? DigestComposer.UnknownPersonName;
        if (!item.IsOutstanding)
        {
            return await CardAsync(viewer, request.View, today, CardNotice.Information($"{ownerName} has already replied to this item, so no reminder was sent."), cancellationToken).ConfigureAwait(false);
        }

        if (item.LastNudgedAt is { } last && Rules.Calendar.LocalDateOf(last) == today)
        {
            return await CardAsync(viewer, request.View, today,
                CardNotice.Information($"{ownerName} was already nudged about this today at {UkDates.Time(Rules.Calendar.ToLocalTime(last))}, so I haven't sent another reminder."), cancellationToken).ConfigureAwait(false);
        }

        var stored = await _conversations.GetAsync(item.Owner, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.IsStale || owner is not { Active: true })
        {
            return await CardAsync(viewer, request.View, today,
                CardNotice.Warning(stored is null
                    ? $"{ownerName} hasn't installed QaBot in Teams yet, so I couldn't send a reminder. Nothing was recorded."
                    : $"I can no longer reach {ownerName} in Teams (they may have removed QaBot), so I couldn't send a reminder. Nothing was recorded."),
                cancellationToken).ConfigureAwait(false);
        }

        var concerns = item.Concerns is { } c ? (await _directory.GetPersonAsync(c, cancellationToken).ConfigureAwait(false))?.DisplayName ?? DigestComposer.UnknownPersonName : null;
        var digest = new Digest(owner.Id, owner.DisplayName, today, [new DigestItem(item, owner.DisplayName, concerns, 0)], [], null);
        var card = _digestCards.Build(digest, new DigestCardOptions
        {
            Title = "A reminder from " + viewer.DisplayName,
            Introduction = $"{viewer.DisplayName} has nudged you about this item. You can reply to it here.",
        });
        var outcome = await _sender.SendAsync(stored.Reference, OutboundMessage.FromCard(card.ToJson(), $"{viewer.DisplayName} has nudged you about an overdue item."), cancellationToken).ConfigureAwait(false);
        if (!outcome.IsSent)
        {
            ConversationLog.NudgeNotDelivered(_logger, item.Id.Value, item.Owner.Value, outcome.Status, outcome.StatusCode ?? 0);
            if (outcome.Status == SendStatus.Stale)
            {
                await _conversations.MarkStaleAsync(item.Owner, outcome.Reason ?? "stale", now, cancellationToken).ConfigureAwait(false);
                return await CardAsync(viewer, request.View, today,
                    CardNotice.Warning($"I can no longer reach {ownerName} in Teams (they may have removed QaBot), so the reminder was not delivered. Nothing was recorded."), cancellationToken).ConfigureAwait(false);
            }

            return await CardAsync(viewer, request.View, today,
                CardNotice.Warning($"Teams didn't accept the reminder to {ownerName} just now. Nothing was recorded: please try again later."), cancellationToken).ConfigureAwait(false);
        }

        var result = await _tracking.UpdateAsync(item.Key, current => ItemTransitions.Nudge(current, new ItemNudge(current.Id, viewer.Id, now, origin)), cancellationToken).ConfigureAwait(false);
        if (result.Status != ItemUpdateStatus.Updated)
        {
            ConversationLog.NudgeNotRecorded(_logger, item.Id.Value, result.Status.ToString());
        }

        ConversationLog.Nudged(_logger, viewer.Id.Value, item.Owner.Value, item.Id.Value);
        return await CardAsync(viewer, request.View, today,
            CardNotice.Success($"Reminder sent to {ownerName} about {_items.Title(item, concerns)} at {UkDates.Time(Rules.Calendar.ToLocalTime(now))}."), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A leader may nudge about items in the areas they lead; a manager about items escalated to them (their reports' and their reports' reports').</summary>
    private async Task<bool> MayNudgeAsync(Person viewer, TrackedItem item, DateOnly today, CancellationToken cancellationToken)
    {
        var tree = await _areas.GetAsync(cancellationToken).ConfigureAwait(false);
        var scope = ScopeRules.For(viewer, _policy, tree, today);
        if (scope.Kind == ScopeKind.Areas && scope.Covers(item.Area))
        {
            return true;
        }

        var owner = await _directory.GetPersonAsync(item.Owner, cancellationToken).ConfigureAwait(false);
        if (owner?.LineManager is not { } manager)
        {
            return false;
        }

        if (manager == viewer.Id)
        {
            return true;
        }

        var managersManager = (await _directory.GetPersonAsync(manager, cancellationToken).ConfigureAwait(false))?.LineManager;
        return managersManager == viewer.Id;
    }

    private async Task<InvokeResponse> LogAsync(CardActionRequest request, IncomingTurn turn, Person person, DateTimeOffset now, DateOnly today, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var duties = _logCards.LoggableDuties(person, today);
        if (!request.TryGetText(ActionData.LogDutyInput, out var dutyText) || !request.TryGetDate(ActionData.LogDateInput, out var on) || !request.TryGetText(ActionData.LogNoteInput, out var note))
        {
            return Refuse(request.Verb, person, 400, "BadActionData", "unreadable inputs", "QaBot couldn't read this form. Ask me for a fresh one (\"log activity\") and try again.");
        }

        if (dutyText is null)
        {
            return Card(_logCards.Build(person, today, CardNotice.Warning("Choose the activity you did.")));
        }

        if (duties.FirstOrDefault(d => d.Id.Value == dutyText) is not { } duty)
        {
            return Refuse(request.Verb, person, 400, "BadActionData", "duty not loggable by this person",
                "That activity isn't one of your roles' activities without a set rhythm, so nothing was logged.");
        }

        var date = on ?? today;
        if (date > today || date < today.AddYears(-1))
        {
            return Card(_logCards.Build(person, today, CardNotice.Warning($"Choose a date from {UkDates.Format(today.AddYears(-1))} to today.")));
        }

        var id = LoggedItemId(turn.CardActivityId ?? turn.ActivityId, duty.Id, date, note, person.Id);
        var fingerprint = id.Value.Split(OccurrenceId.Separator)[1];
        var created = new TrackedItem(
            id, duty.Id, person.Id, person.HomeArea, null, date, date, date, [], false, ItemStatus.Open,
            null, null, null, null, 0, null, now, now, Actor.Person(person.Id), 1, null);
        var reply = new ItemReply("log-" + fingerprint, id, ReplyKind.Done, person.Id, now, date, note, origin);
        var done = ItemTransitions.Reply(created, reply)!;
        var added = await _tracking.AddIfAbsentAsync([new NewItem(created, [done])], origin, cancellationToken).ConfigureAwait(false);
        if (added == 0)
        {
            return Card(_logCards.Build(person, today, CardNotice.Information("Already logged, nothing changed. " + Describe(done.After, reply, person.DisplayName))));
        }

        ConversationLog.Logged(_logger, person.Id.Value, duty.Id.Value, id.Value);
        return Card(_logCards.Build(person, today, CardNotice.Success("Logged. " + Describe(done.After, reply, person.DisplayName))));
    }

    /// <summary>
    /// The id of a logged activity: the same press arriving twice (a retry, a double click on one card) gives the same
    /// id, so it is logged once; a second log from a fresh card is a new record.
    /// </summary>
    public static OccurrenceId LoggedItemId(string cardActivityId, DutyId duty, DateOnly date, string? note, PersonId person)
    {
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{cardActivityId}|{duty.Value}|{date:yyyy-MM-dd}|{note}")))[..12];
        return OccurrenceId.For(duty, string.Create(CultureInfo.InvariantCulture, $"log-{date:yyyyMMdd}-{fingerprint}"), person);
    }

    private async Task<InvokeResponse> CardAsync(Person person, ViewState view, DateOnly today, CardNotice? notice, CancellationToken cancellationToken) =>
        Card(await _views.RenderAsync(person, view, today, notice, cancellationToken).ConfigureAwait(false));

    private static InvokeResponse Card(AdaptiveCard card) => InvokeResponse.Card(card.ToJson());

    private InvokeResponse Refuse(string verb, Person person, int status, string code, string reason, string message)
    {
        // The verb came from the client: log it only when it is one of ours.
        ConversationLog.Refused(_logger, CardVerbs.IsKnown(verb) ? verb : "(unknown verb)", person.Id.Value, code, reason);
        return InvokeResponse.Error(status, code, message);
    }
}
