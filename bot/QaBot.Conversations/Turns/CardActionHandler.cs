using Microsoft.Extensions.Logging;
using QaBot.Application.Assurance;
using QaBot.Application.Conversations;
using QaBot.Application.Meetings;
using QaBot.Application.Organisation.Leave;
using QaBot.Application.Tracking;
using QaBot.Application.Tracking.Approvals;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Activities;
using QaBot.Conversations.Approvals;
using QaBot.Conversations.Assurance;
using QaBot.Conversations.Cards;
using QaBot.Conversations.Digests;
using QaBot.Conversations.Workforce;
using QaBot.Core.Assurance;
using QaBot.Core.Calendar;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Conversations.Turns;

/// <summary>
/// Button presses on QaBot's cards: reads the press strictly, calls the use case (record a reply, nudge, log an
/// activity) and answers with the refreshed card, the outcome on top. A refusal is an
/// <c>application/vnd.microsoft.error</c> response; the use cases write nothing unless they succeed.
/// </summary>
public sealed class CardActionHandler
{
    /// <summary>The answer to a press on a card drawn before the item last changed: the card comes back redrawn.</summary>
    /// <summary>The one refusal for a press on an item that does not exist or is not the presser's to act on.</summary>
    public const string ItemNotFound = "QaBot has no such item for you, so nothing was recorded. Ask me for a fresh card (\"my tasks\").";

    public const string ItemNotFoundCode = "ItemNotFound";

    public const string StaleCard = "This card was out of date: here is the item as it is now. Nothing was recorded.";

    private readonly RecordReply _replies;
    private readonly NudgeOwner _nudges;
    private readonly LogActivity _log;
    private readonly ViewRenderer _views;
    private readonly ItemPresenter _items;
    private readonly LogActivityCardBuilder _logCards;
    private readonly CouncilCalendar _calendar;
    private readonly RequestRescheduleApproval _approvalRequests;
    private readonly DecideReschedule _decisions;
    private readonly ApprovalCardBuilder _approvalCards;
    private readonly ILogger<CardActionHandler> _logger;
    private readonly RecordReview _reviews;
    private readonly AuditProgramme _audits;
    private readonly ReviewCardBuilder _reviewCards;
    private readonly RecordLeave _leave;
    private readonly AnnualProgrammes _programmes;
    private readonly ChairedMeetingItems _meetings;

    public CardActionHandler(
        RecordReply replies,
        NudgeOwner nudges,
        LogActivity log,
        ViewRenderer views,
        ItemPresenter items,
        LogActivityCardBuilder logCards,
        CouncilCalendar calendar,
        RequestRescheduleApproval approvalRequests,
        DecideReschedule decisions,
        ApprovalCardBuilder approvalCards,
        RecordReview reviews,
        ReviewCardBuilder reviewCards,
        RecordLeave leave,
        AuditProgramme audits,
        AnnualProgrammes programmes,
        ChairedMeetingItems meetings,
        ILogger<CardActionHandler> logger)
    {
        _meetings = meetings ?? throw new ArgumentNullException(nameof(meetings));
        _programmes = programmes ?? throw new ArgumentNullException(nameof(programmes));
        _audits = audits ?? throw new ArgumentNullException(nameof(audits));
        _leave = leave ?? throw new ArgumentNullException(nameof(leave));
        _reviews = reviews ?? throw new ArgumentNullException(nameof(reviews));
        _reviewCards = reviewCards ?? throw new ArgumentNullException(nameof(reviewCards));
        _approvalRequests = approvalRequests ?? throw new ArgumentNullException(nameof(approvalRequests));
        _decisions = decisions ?? throw new ArgumentNullException(nameof(decisions));
        _approvalCards = approvalCards ?? throw new ArgumentNullException(nameof(approvalCards));
        _replies = replies ?? throw new ArgumentNullException(nameof(replies));
        _nudges = nudges ?? throw new ArgumentNullException(nameof(nudges));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _views = views ?? throw new ArgumentNullException(nameof(views));
        _items = items ?? throw new ArgumentNullException(nameof(items));
        _logCards = logCards ?? throw new ArgumentNullException(nameof(logCards));
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<InvokeResponse> HandleAsync(IncomingTurn turn, Person person, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(person);
        var action = turn.CardAction ?? throw new ArgumentException("A card action turn carries the action.", nameof(turn));
        var today = _calendar.LocalDateOf(now);
        if (!CardActionRequest.TryRead(action, out var request, out var problem))
        {
            return Refuse(action.Verb, person, 400, "BadActionData", problem!,
                "QaBot couldn't read this button. Ask me for a fresh card (\"my tasks\") and try again.");
        }

        var origin = new AuditOrigin("teams", string.IsNullOrEmpty(turn.ActivityId) ? null : turn.ActivityId);
        if (turn.ConversationKind != ConversationKind.Personal)
        {
            // A channel's or group chat's cards are answers in counts: no item of anyone's is acted on, or shown, there.
            return request!.Verb is not (CardVerbs.Page or CardVerbs.Refresh)
                ? Refuse(request.Verb, person, 403, "PersonalChatOnly", "item action in a shared conversation", "Items are recorded in your personal chat with QaBot, not here.")
                : Card(await _views.RenderAsync(person, request.View, today, null, cancellationToken, sharedConversation: true).ConfigureAwait(false));
        }

        return request!.Verb switch
        {
            CardVerbs.Done or CardVerbs.Reschedule or CardVerbs.NotApplicable => await ReplyAsync(request, person, now, today, origin, cancellationToken).ConfigureAwait(false),
            CardVerbs.Nudge => await NudgeAsync(request, person, now, today, origin, cancellationToken).ConfigureAwait(false),
            CardVerbs.LogActivity => await LogAsync(request, turn, person, now, today, origin, cancellationToken).ConfigureAwait(false),
            CardVerbs.Approve or CardVerbs.Decline => await DecideAsync(request, person, now, today, origin, cancellationToken).ConfigureAwait(false),
            CardVerbs.ReviewSubmit => await ReviewAsync(request, person, now, today, origin, cancellationToken).ConfigureAwait(false),
            CardVerbs.RecordLeave => await LeaveAsync(request, person, now, today, origin, cancellationToken).ConfigureAwait(false),
            CardVerbs.ArrangeAudit => await ArrangeAuditAsync(request, person, now, today, origin, cancellationToken).ConfigureAwait(false),
            CardVerbs.AddProgrammeEntry => await AddProgrammeEntryAsync(request, person, now, today, origin, cancellationToken).ConfigureAwait(false),
            _ => await CardAsync(person, request.View, today, null, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<InvokeResponse> ReplyAsync(CardActionRequest request, Person person, DateTimeOffset now, DateOnly today, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var reference = request.Item!;
        if (request.Verb == CardVerbs.Done && await _reviews.OpenFormAsync(person, reference.Key, cancellationToken).ConfigureAwait(false) is { } opening)
        {
            // Done on a reflective case review opens its form in place of the reminder: the record is the evidence.
            return Card(_reviewCards.BuildForm(opening, person, request.View, today));
        }

        var (kind, dateInput, noteInput) = request.Verb switch
        {
            CardVerbs.Done => (ReplyKind.Done, ActionData.DoneOnInput(reference.Slot), ActionData.DoneNoteInput(reference.Slot)),
            CardVerbs.Reschedule => (ReplyKind.Rescheduled, ActionData.NewDateInput(reference.Slot), ActionData.MoveReasonInput(reference.Slot)),
            _ => (ReplyKind.NotApplicable, null, ActionData.NotApplicableReasonInput(reference.Slot)),
        };
        DateOnly? date = null;
        string? code = null;
        if ((dateInput is not null && !request.TryGetDate(dateInput, out date)) || !request.TryGetText(noteInput, out var note)
            || (kind == ReplyKind.NotApplicable && !request.TryGetText(ActionData.NotApplicableCodeInput(reference.Slot), out code)))
        {
            return await CardAsync(person, request.View, today, CardNotice.Warning(kind switch
            {
                ReplyKind.Done => "The date or note could not be read. Please try again.",
                ReplyKind.Rescheduled => "The new date or reason could not be read. Please try again.",
                _ => "The reason could not be read. Please try again.",
            }), cancellationToken).ConfigureAwait(false);
        }

        var reply = new ReplyRequest(person, reference.Key, reference.Version, kind, date, note, now, origin, code);
        var outcome = await _replies.ExecuteAsync(reply, cancellationToken).ConfigureAwait(false);
        if (outcome.Kind == ReplyOutcomeKind.NeedsApproval)
        {
            return await AskApprovalAsync(request, reply, person, today, cancellationToken).ConfigureAwait(false);
        }

        var notice = outcome.Kind switch
        {
            ReplyOutcomeKind.Recorded when kind == ReplyKind.Rescheduled && Core.Meetings.ChairedMeeting.IsMeetingItem(outcome.Item!.Id, outcome.Item.Duty) =>
                await MeetingMovedAsync(outcome, person, cancellationToken).ConfigureAwait(false),
            ReplyOutcomeKind.Recorded => CardNotice.Success("Recorded. " + Describe(outcome.Item!, outcome.Reply!, outcome.RecordedBy!)),
            ReplyOutcomeKind.AlreadyRecorded => AlreadyRecorded(outcome),
            ReplyOutcomeKind.Stale => CardNotice.Warning(StaleCard),
            ReplyOutcomeKind.Invalid => CardNotice.Warning(outcome.Problem!),
            ReplyOutcomeKind.Conflict => CardNotice.Warning("Someone else was changing this item at the same moment, so nothing was recorded. Please try again."),
            _ => null,
        };
        return notice is not null
            ? await CardAsync(person, request.View, today, notice, cancellationToken).ConfigureAwait(false)
            : RefuseItem(request.Verb, person, outcome.Kind == ReplyOutcomeKind.NotYours ? "item belongs to someone else" : "no such item");
    }

    private async Task<InvokeResponse> AskApprovalAsync(CardActionRequest request, ReplyRequest reply, Person person, DateOnly today, CancellationToken cancellationToken)
    {
        var outcome = await _approvalRequests.ExecuteAsync(reply, cancellationToken).ConfigureAwait(false);
        var to = reply.Date is { } d ? UkDates.Format(d) : string.Empty;
        var notice = outcome.Kind switch
        {
            ApprovalRequestOutcomeKind.Requested => CardNotice.Success($"Moving {_items.Title(outcome.Item!, null)} to {to} needs approval: I've asked {outcome.ApproverName}. I'll tell you their answer here; until then it is still due {UkDates.Format(outcome.Item!.EffectiveDue)}."),
            ApprovalRequestOutcomeKind.AlreadyRequested => CardNotice.Information($"Already sent to {outcome.ApproverName} for approval; nothing changed."),
            ApprovalRequestOutcomeKind.Stale => CardNotice.Warning(StaleCard),
            ApprovalRequestOutcomeKind.Invalid => CardNotice.Warning(outcome.Problem!),
            ApprovalRequestOutcomeKind.NotDelivered => CardNotice.Warning($"Teams didn't accept the approval request to {outcome.ApproverName} just now, so nothing was recorded. Please try again later."),
            _ => null,
        };
        return notice is not null
            ? await CardAsync(person, request.View, today, notice, cancellationToken).ConfigureAwait(false)
            : RefuseItem(request.Verb, person, outcome.Kind == ApprovalRequestOutcomeKind.NotYours ? "item belongs to someone else" : "no such item");
    }

    private async Task<InvokeResponse> DecideAsync(CardActionRequest request, Person person, DateTimeOffset now, DateOnly today, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var reference = request.Item!;
        string? reason = null;
        if (request.Verb == CardVerbs.Decline && !request.TryGetText(ActionData.DeclineReasonInput, out reason))
        {
            return Refuse(request.Verb, person, 400, "BadActionData", "unreadable reason", "QaBot couldn't read the reason. Please try again.");
        }

        var outcome = await _decisions.ExecuteAsync(
            new DecisionRequest(person, reference.Key, reference.Version, request.Verb == CardVerbs.Approve, reason, now, origin), cancellationToken).ConfigureAwait(false);
        if (outcome.Item?.Approval is not { } approval)
        {
            return RefuseItem(request.Verb, person, outcome.Kind == DecisionOutcomeKind.NotAllowed ? "not the requester's manager" : "no such request");
        }

        var name = outcome.RequesterName!;
        var told = outcome.RequesterTold ? $" I've told {name}." : $" I couldn't message {name} in Teams: they will see it on their next card.";
        var calendars = string.Empty;
        if (outcome.Kind == DecisionOutcomeKind.Decided && approval.State == ApprovalState.Approved && Core.Meetings.ChairedMeeting.IsMeetingItem(outcome.Item.Id, outcome.Item.Duty))
        {
            // A chaired meeting's move agreed: the meeting moves in everyone's calendar, as a move within the allowance does.
            calendars = MeetingMoveText(await _meetings.MoveInCalendarsAsync(outcome.Item, approval.To, outcome.Item.Owner, name, now, origin, cancellationToken).ConfigureAwait(false));
        }

        var notice = outcome.Kind switch
        {
            DecisionOutcomeKind.Decided when approval.State == ApprovalState.Approved => CardNotice.Success($"Approved: now due {UkDates.Format(approval.To)}.{calendars}{told}"),
            DecisionOutcomeKind.Decided => CardNotice.Success($"Declined: it stays due {UkDates.Format(outcome.Item.EffectiveDue)}.{told}"),
            DecisionOutcomeKind.AlreadyDecided => CardNotice.Information($"Already {(approval.State == ApprovalState.Approved ? "approved" : "declined")}; nothing changed."),
            DecisionOutcomeKind.Invalid => CardNotice.Warning(outcome.Problem!),
            _ => CardNotice.Warning("This card was out of date: the request it shows was replaced or withdrawn, or the item was answered. Here is where it stands now; nothing changed."),
        };
        var moved = Math.Abs(_calendar.WorkingDaysBetween(outcome.Item.Due, approval.To));
        var card = new ApprovalCard(outcome.Item, name, null, today, moved, _items.Composer.Rules.Policy.RescheduleWithoutApprovalWorkingDays);
        return Card(_approvalCards.Build(card, notice));
    }

    private async Task<InvokeResponse> ReviewAsync(CardActionRequest request, Person person, DateTimeOffset now, DateOnly today, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var reference = request.Item!;
        if (!TryReadReviewForm(request, out var form))
        {
            return Refuse(request.Verb, person, 400, "BadActionData", "unreadable inputs", "QaBot couldn't read this form. Mark the review done again for a fresh one.");
        }

        var outcome = await _reviews.ExecuteAsync(new ReviewRequest(person, reference.Key, reference.Version, form!, now, origin), cancellationToken).ConfigureAwait(false);
        switch (outcome.Kind)
        {
            case ReviewOutcomeKind.Recorded or ReviewOutcomeKind.AlreadyRecorded:
                var names = await _reviews.NamesAsync(outcome.Review!, cancellationToken).ConfigureAwait(false);
                var practitioner = names[outcome.Review!.Practitioner];
                var notice = outcome.Kind == ReviewOutcomeKind.AlreadyRecorded
                    ? CardNotice.Information("Already recorded, nothing changed.")
                    : CardNotice.Success(outcome.PractitionerTold
                        ? $"Recorded, and the review item marked done. I've sent {practitioner} the learning."
                        : $"Recorded, and the review item marked done. I couldn't message {practitioner} in Teams: please share the learning in supervision.");
                return Card(_reviewCards.BuildRecorded(outcome.Item!, outcome.Review, notice, id => names.TryGetValue(id, out var name) ? name : id.Value));
            case ReviewOutcomeKind.Invalid or ReviewOutcomeKind.Stale:
                if (await _reviews.OpenFormAsync(person, reference.Key, cancellationToken).ConfigureAwait(false) is not { } opening)
                {
                    return RefuseItem(request.Verb, person, "review item no longer open");
                }

                var warning = outcome.Kind == ReviewOutcomeKind.Stale
                    ? CardNotice.Warning(StaleCard)
                    : CardNotice.Warning("Nothing was recorded. " + string.Join(" ", outcome.Problems.Select(p => $"{p.Field}: {p.Message}")));
                return Card(_reviewCards.BuildForm(opening, person, request.View, today, warning, outcome.Kind == ReviewOutcomeKind.Invalid ? form : null));
            case ReviewOutcomeKind.Closed:
                return await CardAsync(person, request.View, today, CardNotice.Warning("This review was closed another way before it was recorded, so nothing was recorded."), cancellationToken).ConfigureAwait(false);
            default:
                return RefuseItem(request.Verb, person, "no such review item of the presser's");
        }
    }

    private static bool TryReadReviewForm(CardActionRequest request, out ReviewForm? form)
    {
        form = null;
        var max = ReviewForm.MaxTextLength;
        if (!request.TryGetText(ReviewCardBuilder.CaseInput, out var reference) || !request.TryGetText(ReviewCardBuilder.PractitionerInput, out var practitioner)
            || !request.TryGetText(ReviewCardBuilder.PartsInput, out var parts) || !request.TryGetText(ReviewCardBuilder.GistInput, max, out var gist)
            || !request.TryGetText(ReviewCardBuilder.JudgementInput, out var judgement) || !request.TryGetText(ReviewCardBuilder.StrengthsInput, max, out var strengths)
            || !request.TryGetText(ReviewCardBuilder.DevelopmentInput, max, out var development) || !request.TryGetText(ReviewCardBuilder.ThemesInput, max, out var themes)
            || !request.TryGetDate(ReviewCardBuilder.HeldOnInput, out var heldOn))
        {
            return false;
        }

        var actions = new List<ReviewActionInput>();
        for (var n = 1; n <= ReviewForm.MaxActions; n++)
        {
            if (!request.TryGetText(ReviewCardBuilder.ActionInput(n), out var text) || !request.TryGetText(ReviewCardBuilder.OwnerInput(n), out var owner)
                || !request.TryGetDate(ReviewCardBuilder.DueInput(n), out var due))
            {
                return false;
            }

            actions.Add(new ReviewActionInput(text, owner, due));
        }

        form = new ReviewForm(reference, practitioner, List(parts), gist, judgement, strengths, development, List(themes), heldOn, actions);
        return true;
    }

    /// <summary>A multi-select's value: the choices joined by commas.</summary>
    private static string[] List(string? joined) =>
        joined is null ? [] : joined.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private CardNotice AlreadyRecorded(ReplyOutcome outcome) =>
        outcome.Reply is { } last
            ? CardNotice.Information("Already recorded, nothing changed. " + Describe(outcome.Item!, last, outcome.RecordedBy!))
            : CardNotice.Information($"{_items.Title(outcome.Item!, null)} is already {(outcome.Item!.IsOutstanding ? "open" : "closed")}; nothing was changed.");

    private async Task<InvokeResponse> NudgeAsync(CardActionRequest request, Person viewer, DateTimeOffset now, DateOnly today, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var outcome = await _nudges.ExecuteAsync(new NudgeRequest(viewer, request.Item!.Key, request.Item.Version, now, origin), cancellationToken).ConfigureAwait(false);
        var owner = outcome.OwnerName;
        var notice = outcome.Kind switch
        {
            NudgeOutcomeKind.Sent => CardNotice.Success($"Reminder sent to {owner} about {_items.Title(outcome.Item!, outcome.ConcernsName)} at {UkDates.Time(_calendar.ToLocalTime(now))}."),
            NudgeOutcomeKind.AlreadyReplied => CardNotice.Information($"{owner} has already replied to this item, so no reminder was sent."),
            NudgeOutcomeKind.AlreadyNudgedToday => CardNotice.Information($"{owner} was already nudged about this today at {UkDates.Time(_calendar.ToLocalTime(outcome.Item!.LastNudgedAt!.Value))}, so I haven't sent another reminder."),
            NudgeOutcomeKind.Stale => CardNotice.Warning(StaleCard),
            NudgeOutcomeKind.NotInstalled => CardNotice.Warning($"{owner} hasn't installed QaBot in Teams yet, so I couldn't send a reminder. Nothing was recorded."),
            NudgeOutcomeKind.Unreachable => CardNotice.Warning($"I can no longer reach {owner} in Teams (they may have removed QaBot), so I couldn't send a reminder. Nothing was recorded."),
            NudgeOutcomeKind.Away => CardNotice.Information($"{owner} is away until {UkDates.Format(outcome.AwayUntil!.Value)}, so I haven't sent a reminder. Nothing was recorded."),
            NudgeOutcomeKind.NotDelivered => CardNotice.Warning($"Teams didn't accept the reminder to {owner} just now. It was not counted as a nudge: please try again later."),
            _ => null,
        };
        return notice is not null
            ? await CardAsync(viewer, request.View, today, notice, cancellationToken).ConfigureAwait(false)
            : RefuseItem(request.Verb, viewer, outcome.Kind == NudgeOutcomeKind.NotFound ? "no such item" : "item outside the viewer's area");
    }

    private async Task<InvokeResponse> LeaveAsync(CardActionRequest request, Person person, DateTimeOffset now, DateOnly today, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var view = new ViewState(CardView.Leave);
        if (!request.TryGetText(LeaveCardBuilder.WhoInput, out var who) || !request.TryGetDate(LeaveCardBuilder.FromInput, out var from)
            || !request.TryGetDate(LeaveCardBuilder.ToInput, out var to) || !request.TryGetText(LeaveCardBuilder.CoverInput, out var cover))
        {
            return Refuse(request.Verb, person, 400, "BadActionData", "unreadable inputs", "QaBot couldn't read this form. Ask me for a fresh one (\"record leave\") and try again.");
        }

        if (from is not { } first || to is not { } last)
        {
            return await CardAsync(person, view, today, CardNotice.Warning("Choose the first and last days away. Nothing was recorded."), cancellationToken).ConfigureAwait(false);
        }

        var whoId = default(PersonId);
        var coverId = default(PersonId);
        if ((who is not null && !PersonId.TryParse(who, out whoId)) || (cover is not null && !PersonId.TryParse(cover, out coverId)))
        {
            return Refuse(request.Verb, person, 400, "BadActionData", "unreadable person", "QaBot couldn't read this form. Ask me for a fresh one (\"record leave\") and try again.");
        }

        var outcome = await _leave.ExecuteAsync(person, who is null ? null : whoId, first, last, cover is null ? null : coverId, now, origin, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            return await CardAsync(person, view, today, CardNotice.Warning(outcome.Problem + " Nothing was recorded."), cancellationToken).ConfigureAwait(false);
        }

        var absence = outcome.Absence!;
        var what = absence.Cover is null
            ? $"Reminders pause; {Count(outcome.ItemsMoved, "item")} falling due meanwhile moved to {UkDates.Format(absence.ReturnsOn(_calendar))}, the first working day back."
            : "The cover holds their items and their team's escalations until they return.";
        return await CardAsync(person, view, today, CardNotice.Success($"Recorded: away {UkDates.Format(absence.From)} to {UkDates.Format(absence.To)}. {what}"), cancellationToken).ConfigureAwait(false);
    }

    private async Task<InvokeResponse> ArrangeAuditAsync(CardActionRequest request, Person person, DateTimeOffset now, DateOnly today, AuditOrigin origin, CancellationToken cancellationToken)
    {
        if (!request.TryGetText(AuditFormCardBuilder.TitleInput, out var title) || !request.TryGetText(AuditFormCardBuilder.KindInput, out var kind)
            || !request.TryGetText(AuditFormCardBuilder.LinesInput, AuditFormCardBuilder.MaxLinesLength, out var lines)
            || !request.TryGetText(AuditFormCardBuilder.CasesInput, AuditFormCardBuilder.MaxCasesLength, out var cases)
            || !request.TryGetText(AuditFormCardBuilder.DueInput, out var due))
        {
            return Refuse(request.Verb, person, 400, "BadActionData", "unreadable inputs", "QaBot couldn't read this form. Ask me for a fresh one (\"arrange an audit\") and try again.");
        }

        var form = new AuditFormInput(title, kind, lines, cases, due);
        var creation = await _audits.CreateFromFormAsync(form, person, now, origin, cancellationToken).ConfigureAwait(false);
        if (!creation.Allowed)
        {
            return Refuse(request.Verb, person, 403, "NotAllowed", "audit arranged by someone outside the QA team", ReviewReplies.NotQaTeamText);
        }

        return creation.Audit is null
            ? Card(AuditFormCardBuilder.BuildForm(today, form, creation.Problems))
            : Card(AuditFormCardBuilder.BuildArranged(creation, _calendar));
    }

    /// <summary>A chaired meeting moved on its card: moved in everyone's calendar too, or the chair is told it was not.</summary>
    private async Task<CardNotice> MeetingMovedAsync(ReplyOutcome outcome, Person by, CancellationToken cancellationToken)
    {
        var recorded = "Recorded. " + Describe(outcome.Item!, outcome.Reply!, outcome.RecordedBy!);
        var move = await _meetings.MoveInCalendarsAsync(outcome.Item!, outcome.Reply!.Date!.Value, by.Id, by.DisplayName, outcome.Reply.At, outcome.Reply.Origin, cancellationToken).ConfigureAwait(false);
        var text = recorded + MeetingMoveText(move);
        return move switch
        {
            MeetingMove.Moved => CardNotice.Success(text),
            MeetingMove.NotInCalendars => CardNotice.Information(text),
            _ => CardNotice.Warning(text),
        };
    }

    /// <summary>What moving a chaired meeting did to calendars, as the chair or the agreeing manager is told it.</summary>
    private static string MeetingMoveText(MeetingMove move) => move switch
    {
        MeetingMove.Moved => " The meeting is moved in everyone's calendar.",
        MeetingMove.NotInCalendars => " QaBot has no calendar invitation for this meeting, so no calendar was changed.",
        _ => " The calendar invitation could not be changed just now: ask the QA team to move it in Outlook.",
    };

    /// <summary>"Add to my programme": a visit or meeting added to one of the presser's own programmes, or the form again saying why not.</summary>
    private async Task<InvokeResponse> AddProgrammeEntryAsync(CardActionRequest request, Person person, DateTimeOffset now, DateOnly today, AuditOrigin origin, CancellationToken cancellationToken)
    {
        var view = new ViewState(CardView.Programme);
        if (!request.TryGetText(ProgrammeCardBuilder.DutyInput, out var duty) || !request.TryGetText(ProgrammeCardBuilder.WhatInput, Core.Assurance.Programme.MaxWhatLength, out var what)
            || !request.TryGetText(ProgrammeCardBuilder.MonthInput, out var month) || !request.TryGetDate(ProgrammeCardBuilder.DateInput, out var date))
        {
            return Refuse(request.Verb, person, 400, "BadActionData", "unreadable inputs", "QaBot couldn't read this form. Ask me for a fresh one (\"my programme\") and try again.");
        }

        var when = date is { } day ? day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : month;
        var missing = what is null ? "Say what the visit or meeting is"
            : when is null ? "Choose a month or give a date"
            : date is not null && month is not null ? "Choose a month or give a date, not both"
            : null;
        if (missing is not null)
        {
            return await CardAsync(person, view, today, CardNotice.Warning(missing + ". Nothing was added."), cancellationToken).ConfigureAwait(false);
        }

        var added = await _programmes.AddAsync(person, duty, what!, when!, Actor.Person(person.Id), now, origin, cancellationToken).ConfigureAwait(false);
        var notice = added switch
        {
            { Entry: null } => CardNotice.Warning(added.Problem + " Nothing was added."),
            { Added: false } => CardNotice.Information($"{added.Entry.What}, {added.Entry.When.Words}, is in your programme already, so nothing was added."),
            _ => CardNotice.Success($"Added to your programme: {added.Entry.What}, {added.Entry.When.Words}. I'll remind you before it is due."),
        };
        return await CardAsync(person, view, today, notice, cancellationToken).ConfigureAwait(false);
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(System.Globalization.CultureInfo.InvariantCulture)} {noun}s";

    private async Task<InvokeResponse> LogAsync(CardActionRequest request, IncomingTurn turn, Person person, DateTimeOffset now, DateOnly today, AuditOrigin origin, CancellationToken cancellationToken)
    {
        if (!request.TryGetText(ActionData.LogDutyInput, out var duty) || !request.TryGetDate(ActionData.LogDateInput, out var on) || !request.TryGetText(ActionData.LogNoteInput, out var note))
        {
            return Refuse(request.Verb, person, 400, "BadActionData", "unreadable inputs", "QaBot couldn't read this form. Ask me for a fresh one (\"log activity\") and try again.");
        }

        var outcome = await _log.ExecuteAsync(new LogRequest(person, duty, on, note, turn.CardActivityId ?? turn.ActivityId, now, origin), cancellationToken).ConfigureAwait(false);
        var notice = outcome.Kind switch
        {
            LogOutcomeKind.Logged => CardNotice.Success("Logged. " + Describe(outcome.Item!, outcome.Reply!, person.DisplayName)),
            LogOutcomeKind.AlreadyLogged => CardNotice.Information("Already logged, nothing changed. " + Describe(outcome.Item!, outcome.Reply!, person.DisplayName)),
            LogOutcomeKind.Invalid => CardNotice.Warning(outcome.Problem!),
            _ => null,
        };
        return notice is not null
            ? Card(_logCards.Build(person, today, notice))
            : Refuse(request.Verb, person, 400, "BadActionData", "duty not loggable by this person",
                "That activity isn't one of your roles' activities without a set rhythm, so nothing was logged.");
    }

    /// <summary>"Monthly supervision for Priya Nolan: done on Fri 27 Nov 2026 (note: ...). Recorded by Dan Mercer at 14:05 on Fri 27 Nov 2026."</summary>
    private string Describe(TrackedItem item, ItemReply reply, string byName)
    {
        var title = _items.Title(item, null);
        var what = reply.Kind switch
        {
            ReplyKind.Done => $"{title}: done on {UkDates.Format(reply.Date!.Value)}",
            ReplyKind.Rescheduled => $"{title}: moved to {UkDates.Format(reply.Date!.Value)}",
            _ => $"{title}: not applicable this time" + (reply.ReasonCode is { } code && code != Core.Compliance.ComplianceEntry.OtherReason ? $" ({_items.NotApplicableReasonLabel(code)})" : string.Empty),
        };
        if (reply.Note is { } note)
        {
            what += reply.Kind == ReplyKind.Done ? $" (note: {note})" : $" (reason: {note})";
        }

        var at = _calendar.ToLocalTime(reply.At);
        return $"{what}. Recorded by {byName} at {UkDates.Time(at)} on {UkDates.Format(DateOnly.FromDateTime(at.DateTime))}.";
    }

    private async Task<InvokeResponse> CardAsync(Person person, ViewState view, DateOnly today, CardNotice? notice, CancellationToken cancellationToken) =>
        Card(await _views.RenderAsync(person, view, today, notice, cancellationToken).ConfigureAwait(false));

    private static InvokeResponse Card(AdaptiveCard card) => InvokeResponse.Card(card.ToJson());

    /// <summary>
    /// "No such item" and "not yours" (or not yours to nudge about) get one answer, the same status, code and words,
    /// so that pressing made-up buttons cannot tell anyone which item ids exist. Only the log, for operators, says which.
    /// </summary>
    private InvokeResponse RefuseItem(string verb, Person person, string reason) =>
        Refuse(verb, person, 404, ItemNotFoundCode, reason, ItemNotFound);

    private InvokeResponse Refuse(string verb, Person person, int status, string code, string reason, string message)
    {
        // The verb came from the client: log it only when it is one of ours.
        ConversationLog.Refused(_logger, CardVerbs.IsKnown(verb) ? verb : "(unknown verb)", person.Id.Value, code, reason);
        return InvokeResponse.Error(status, code, message);
    }
}
