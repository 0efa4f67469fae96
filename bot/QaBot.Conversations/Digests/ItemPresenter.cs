using System.Text.Json.Nodes;
using QaBot.Application.Compliance;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Cards;
using QaBot.Conversations.Text;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Reminders;
using QaBot.Core.Tracking;

namespace QaBot.Conversations.Digests;

/// <summary>How an item reads on a card, in the framework's words, and the forms to reply to it.</summary>
public sealed class ItemPresenter
{
    private readonly FrameworkCatalogue _catalogue;
    private readonly DigestComposer _composer;

    private readonly NotApplicableReasons _reasons;

    public ItemPresenter(FrameworkCatalogue catalogue, DigestComposer composer, NotApplicableReasons? reasons = null)
    {
        _reasons = reasons ?? new NotApplicableReasons(new ReportOptions());
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _composer = composer ?? throw new ArgumentNullException(nameof(composer));
    }

    public DigestComposer Composer => _composer;

    /// <summary>The wording of a not-applicable reason code, as the card offered it.</summary>
    public string NotApplicableReasonLabel(string code) => _reasons.LabelOf(code);

    public FrameworkCatalogue Catalogue => _catalogue;

    /// <summary>"Monthly supervision for Priya Nolan".</summary>
    public string Title(TrackedItem item, string? concernsName)
    {
        ArgumentNullException.ThrowIfNull(item);
        var title = Core.Scheduling.SupervisionPolicy.TitleOf(item.Id) ?? DutyWording.TitleOf(item.Duty, _catalogue);
        if (item.Duty.Value == Core.Assurance.ReviewAction.DutyId && item.Status == ItemStatus.Open && item.Note is { } action)
        {
            // The action's own words, kept as the item's note until a reply replaces it.
            return $"{title}: {action}";
        }

        if (item.Duty.Value == Core.Assurance.CaseAudit.DutyId && item.Status == ItemStatus.Open && item.Note is { } audited)
        {
            // "Thematic audit 'Neglect and cumulative harm': case 1234567", kept as the item's note until a reply replaces it.
            return concernsName is null ? audited : $"{audited} ({concernsName}'s practice)";
        }

        if (Core.Meetings.ChairedMeeting.IsMeetingItem(item.Id, item.Duty))
        {
            // "Chair Departmental Quality Assurance and Transformation Board: QA & Transformation Board, Tue 5 Jan 2027 at 10:00".
            return item.Status == ItemStatus.Open && item.Note is { } meeting
                ? $"{title}: {meeting}"
                : $"{title}: the meeting on {UkDates.Format(item.WindowFrom)}";
        }

        if (Core.Assurance.Programme.EntryOf(item.Id, item.Duty) is { } entry)
        {
            // "Visits to front-line teams and children's homes: Programme for 2027, entry 2: Oakwood House (May 2027)"; once a
            // reply (a move, with its reason) replaces the note, the entry by its number.
            return item.Status == ItemStatus.Open && item.Note is { } planned
                ? $"{title}: {planned}"
                : $"{title}: programme for {entry.Year}, entry {entry.Number}";
        }

        return concernsName is null ? title : $"{title} for {concernsName}";
    }

    public string? Purpose(TrackedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Duty.Value == Core.Assurance.ReviewAction.DutyId)
        {
            return $"Agreed at a reflective case review held on {UkDates.Format(item.WindowFrom)}";
        }

        if (item.Duty.Value == Core.Assurance.CaseAudit.DutyId)
        {
            return "A case allocated to you in an audit the QA team arranged: record it with the review form; the QA team then moderates the judgement";
        }

        return _catalogue.FindDuty(item.Duty) is { } duty ? DutyWording.Purpose(duty) : null;
    }

    /// <summary>"Overdue: was due Fri 28 Aug 2026", "Due today, Fri 27 Nov 2026", "Due Fri 11 Dec 2026 (moved from ...)".</summary>
    public string Status(TrackedItem item, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(item);
        var due = item.EffectiveDue;
        var moved = item.Status == ItemStatus.Rescheduled && item.RescheduledTo is not null ? $" (moved from {UkDates.Format(item.Due)})" : string.Empty;
        if (_composer.IsOverdue(item, asOf))
        {
            return $"Overdue: was due {UkDates.Format(due)}{moved}";
        }

        return due == asOf ? $"Due today, {UkDates.Format(due)}{moved}" : $"Due {UkDates.Format(due)}{moved}";
    }

    public bool IsOverdue(TrackedItem item, DateOnly asOf) => _composer.IsOverdue(item, asOf);

    /// <summary>The lines under the title: status, purpose, and any flags (provisional date, passed on from a leaver, nudges).</summary>
    public IEnumerable<CardElement> Details(TrackedItem item, DateOnly asOf, bool showNudges)
    {
        ArgumentNullException.ThrowIfNull(item);
        var overdue = IsOverdue(item, asOf);
        yield return new TextBlock
        {
            Text = Status(item, asOf),
            Wrap = true,
            Spacing = Spacing.Small,
            Color = overdue ? TextColor.Attention : null,
            Weight = overdue ? TextWeight.Bolder : null,
        };

        if (Purpose(item) is { } purpose)
        {
            yield return new TextBlock { Text = purpose, Wrap = true, IsSubtle = true, Size = TextSize.Small, Spacing = Spacing.None };
        }

        if (item.Provisional)
        {
            yield return new TextBlock
            {
                Text = "Provisional date: it depends on calendar dates the council has not yet confirmed.",
                Wrap = true,
                Size = TextSize.Small,
                Color = TextColor.Warning,
                Spacing = Spacing.None,
            };
        }

        if (item.IsFlagged)
        {
            yield return new TextBlock
            {
                Text = "Passed to you from someone who has left: please check it.",
                Wrap = true,
                Size = TextSize.Small,
                Color = TextColor.Warning,
                Spacing = Spacing.None,
            };
        }

        if (item.IsAwaitingApproval)
        {
            yield return new TextBlock
            {
                Text = $"Waiting for approval to move it to {UkDates.Format(item.Approval!.To)}.",
                Wrap = true,
                Size = TextSize.Small,
                Color = TextColor.Accent,
                Spacing = Spacing.None,
            };
        }

        if (showNudges && item.NudgeCount > 0 && item.LastNudgedAt is { } last)
        {
            var times = item.NudgeCount == 1 ? "Nudged once" : $"Nudged {UkDates.Count(item.NudgeCount, "time")}";
            yield return new TextBlock
            {
                Text = $"{times}, last on {UkDates.Format(_composer.Rules.Calendar.LocalDateOf(last))}.",
                Wrap = true,
                Size = TextSize.Small,
                IsSubtle = true,
                Spacing = Spacing.None,
            };
        }
    }

    /// <summary>
    /// Done, Reschedule and Not applicable, each a small form that opens under the item; for a meeting the person chairs,
    /// Held (with the minutes' link and attendance), Moved and Cancelled.
    /// </summary>
    public ActionSet ReplyActions(TrackedItem item, int slot, ViewState view, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(item);
        var data = () => ActionData.ForItem(view, item, slot);
        var latest = LatestRescheduleDate(item);
        var statutoryDeadline = item.StatutoryDeadline(_catalogue);
        var canPick = (statutoryDeadline ?? DateOnly.MaxValue) >= asOf;
        var meeting = Core.Meetings.ChairedMeeting.IsMeetingItem(item.Id, item.Duty);
        return new ActionSet
        {
            Actions =
            [
                new ShowCardAction
                {
                    Title = meeting ? "Held" : "Done",
                    Style = ActionStyle.Positive,
                    Card = new AdaptiveCard
                    {
                        Schema = null,
                        Body =
                        [
                            meeting
                                ? new DateInput { Id = ActionData.DoneOnInput(slot), Label = "Date it was held", Value = item.EffectiveDue <= asOf ? item.EffectiveDue : asOf, IsRequired = true, ErrorMessage = "Choose the date it was held." }
                                : new DateInput { Id = ActionData.DoneOnInput(slot), Label = "Date it was done", Value = asOf, IsRequired = true, ErrorMessage = "Choose the date it was done." },
                            new TextInput
                            {
                                Id = ActionData.DoneNoteInput(slot),
                                Label = meeting ? "Minutes' link and who attended (optional)" : "Note (optional)",
                                Placeholder = meeting ? "e.g. the minutes' SharePoint link; 9 of 12 attended" : null,
                                IsMultiline = true,
                                MaxLength = ActionData.MaxNoteLength,
                            },
                        ],
                        Actions = [new ExecuteAction { Title = meeting ? "Save as held" : "Save as done", Verb = CardVerbs.Done, Data = data(), Style = ActionStyle.Positive }],
                    },
                },
                // A statutory deadline moves only with the case's events, so it offers no Reschedule.
                .. _catalogue.FindDuty(item.Duty) is { IsStatutory: true } ? [] : new[] { RescheduleAction(item, latest, canPick, asOf, statutoryDeadline, slot, data, meeting) },
                new ShowCardAction
                {
                    Title = meeting ? "Cancelled" : "Not applicable",
                    Card = new AdaptiveCard
                    {
                        Schema = null,
                        Body =
                        [
                            new ChoiceSetInput
                            {
                                Id = ActionData.NotApplicableCodeInput(slot),
                                Label = meeting ? "Why the meeting did not go ahead" : "Why it does not apply this time",
                                Style = ChoiceInputStyle.Compact,
                                Choices = _reasons.All.Select(r => new Choice(r.Label, r.Code)).ToList(),
                                Placeholder = "Choose a reason",
                                IsRequired = true,
                                ErrorMessage = "Choose a reason.",
                            },
                            new TextInput { Id = ActionData.NotApplicableReasonInput(slot), Label = "More detail (needed for Other)", IsMultiline = true, MaxLength = ActionData.MaxNoteLength },
                        ],
                        Actions = [new ExecuteAction { Title = meeting ? "Save as cancelled" : "Save as not applicable", Verb = CardVerbs.NotApplicable, Data = data() }],
                    },
                },
            ],
        };
    }

    /// <summary>
    /// "New date (a working day; a date after Mon 14 Dec 2026 needs approval)": the line manager's, or for an elected member the member-support officer's. A statutory item goes no
    /// further than its deadline, approval or not.
    /// </summary>
    private string RescheduleLabel(TrackedItem item, DateOnly latest, bool canPick)
    {
        if (!canPick)
        {
            return "New date";
        }

        return item.StatutoryDeadline(_catalogue) is { } deadline && deadline <= latest
            ? $"New date (a working day, by the statutory deadline {UkDates.Format(deadline)})"
            : $"New date (a working day; a date after {UkDates.Format(latest)} needs approval)";
    }

    private ShowCardAction RescheduleAction(TrackedItem item, DateOnly latest, bool canPick, DateOnly asOf, DateOnly? statutoryDeadline, int slot, Func<JsonObject> data, bool meeting) =>
        new()
        {
            Title = meeting ? "Moved" : "Reschedule",
            Card = new AdaptiveCard
            {
                Schema = null,
                Body =
                [
                    new DateInput
                    {
                        Id = ActionData.NewDateInput(slot),
                        Label = RescheduleLabel(item, latest, canPick),
                        Min = canPick ? asOf : null,
                        Max = canPick ? statutoryDeadline : null,
                        IsRequired = true,
                        ErrorMessage = "Choose the new date.",
                    },
                    new TextInput { Id = ActionData.MoveReasonInput(slot), Label = "Reason", IsMultiline = true, MaxLength = ActionData.MaxNoteLength, IsRequired = true, ErrorMessage = "Say why it needs to move." },
                ],
                Actions = [new ExecuteAction { Title = "Save new date", Verb = CardVerbs.Reschedule, Data = data() }],
            },
        };

    /// <summary>The latest date the owner may move the item to without approval (<see cref="Core.Scheduling.ScheduleRules.LatestRescheduleDate"/>).</summary>
    public DateOnly LatestRescheduleDate(TrackedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _composer.Rules.LatestRescheduleDate(item.Due, item.StatutoryDeadline(_catalogue));
    }
}
