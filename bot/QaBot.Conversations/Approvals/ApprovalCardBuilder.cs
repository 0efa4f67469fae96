using QaBot.Application.Conversations;
using QaBot.Application.Tracking.Approvals;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Cards;
using QaBot.Conversations.Digests;
using QaBot.Core.Calendar;
using QaBot.Core.Reminders;
using QaBot.Core.Tracking;

namespace QaBot.Conversations.Approvals;

/// <summary>
/// The approval card a line manager gets when someone asks to move an item further than the allowance (Approve, or
/// Decline with a reason), the same card answered once decided, and the card that tells the requester the answer.
/// </summary>
public sealed class ApprovalCardBuilder : IApprovalRenderer
{
    public const string RequestTitle = "Approval needed: a new due date";

    private readonly ItemPresenter _items;
    private readonly DigestCardBuilder _digests;

    public ApprovalCardBuilder(ItemPresenter items, DigestCardBuilder digests)
    {
        _items = items ?? throw new ArgumentNullException(nameof(items));
        _digests = digests ?? throw new ArgumentNullException(nameof(digests));
    }

    public OutboundMessage RenderRequest(ApprovalCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return OutboundMessage.FromCard(Build(card, null).ToJson(), $"{card.RequesterName} asks you to approve a new due date.");
    }

    public OutboundMessage RenderAnswer(ApprovalCard card, string deciderName)
    {
        ArgumentNullException.ThrowIfNull(card);
        var item = card.Item;
        var approval = card.Approval;
        var title = _items.Title(item, card.ConcernsName);
        var notice = approval.State == ApprovalState.Approved
            ? CardNotice.Success($"{deciderName} approved your request: {title} is now due {UkDates.Format(approval.To)}.")
            : CardNotice.Warning($"{deciderName} declined moving {title} to {UkDates.Format(approval.To)} (reason: {approval.DecisionNote}). It is still due {UkDates.Format(item.EffectiveDue)}.");
        var digest = new Digest(approval.RequestedBy, card.RequesterName, card.AsOf, item.IsOutstanding ? [new DigestItem(item, card.RequesterName, card.ConcernsName, 0)] : [], [], null);
        var answer = _digests.Build(digest, new DigestCardOptions { Title = "Your request to move a due date", Notice = notice, EmptyText = "This item is closed." });
        return OutboundMessage.FromCard(answer.ToJson(), approval.State == ApprovalState.Approved ? $"{deciderName} approved your new due date." : $"{deciderName} declined your new due date.");
    }

    /// <summary>The approval card, with any notice on top: Approve and Decline while the request waits, no buttons once answered.</summary>
    public AdaptiveCard Build(ApprovalCard card, CardNotice? notice = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        var item = card.Item;
        var approval = card.Approval;
        var body = new List<CardElement>
        {
            new TextBlock { Text = RequestTitle, Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
        };
        if (notice is not null)
        {
            body.Add(notice.ToElement());
        }

        body.Add(new TextBlock
        {
            Text = $"{card.RequesterName} asks to move {_items.Title(item, card.ConcernsName)} by {UkDates.Count(card.WorkingDaysMoved, "working day")}. "
                + $"Moves of more than {UkDates.Count(card.AllowanceWorkingDays, "working day")} need your approval.",
            Wrap = true,
        });
        body.Add(new FactSet
        {
            Facts =
            [
                new Fact("Due", UkDates.Format(item.Due)),
                new Fact("Asked for", UkDates.Format(approval.To)),
                new Fact("Reason", approval.Reason),
            ],
        });
        if (_items.Purpose(item) is { } purpose)
        {
            body.Add(new TextBlock { Text = purpose, Wrap = true, IsSubtle = true, Size = TextSize.Small });
        }

        return new AdaptiveCard
        {
            Body = body,
            Actions = item.IsAwaitingApproval ? Buttons(item) : null,
            FallbackText = $"{card.RequesterName} asks you to approve a new due date.",
        };
    }

    private static List<Cards.CardAction> Buttons(TrackedItem item)
    {
        // The card carries the version the request was written at, so an answer on an older card changes nothing.
        var data = () =>
        {
            var d = ActionData.ForItem(ViewState.Digest, item, 0);
            d[ActionData.VersionKey] = item.Approval!.CardVersion;
            return d;
        };
        return
        [
            new ExecuteAction { Title = "Approve", Verb = CardVerbs.Approve, Data = data(), Style = ActionStyle.Positive },
            new ShowCardAction
            {
                Title = "Decline",
                Card = new AdaptiveCard
                {
                    Schema = null,
                    Body =
                    [
                        new TextInput
                        {
                            Id = ActionData.DeclineReasonInput,
                            Label = "Why not",
                            IsMultiline = true,
                            MaxLength = ActionData.MaxNoteLength,
                            IsRequired = true,
                            ErrorMessage = "Say why you are declining.",
                        },
                    ],
                    Actions = [new ExecuteAction { Title = "Decline", Verb = CardVerbs.Decline, Data = data(), Style = ActionStyle.Destructive }],
                },
            },
        ];
    }
}
