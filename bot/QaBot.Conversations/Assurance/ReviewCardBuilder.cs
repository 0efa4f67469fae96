using System.Globalization;
using QaBot.Application.Assurance;
using QaBot.Application.Conversations;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Cards;
using QaBot.Conversations.Digests;
using QaBot.Core.Assurance;
using QaBot.Core.Calendar;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Conversations.Assurance;

/// <summary>
/// The reflective case review form (what Done on a review item opens, in place of the reminder), the card that
/// answers a submission, and the message that tells the practitioner the learning.
/// </summary>
public sealed class ReviewCardBuilder : IReviewRenderer
{
    public const string FormTitle = "Reflective case review";
    public const string GovernanceHint = "Case references only: never a child's name, date of birth, address, phone number or email address.";

    public const string CaseInput = "rvCase";
    public const string PractitionerInput = "rvPractitioner";
    public const string PartsInput = "rvParts";
    public const string GistInput = "rvGist";
    public const string JudgementInput = "rvJudgement";
    public const string StrengthsInput = "rvStrengths";
    public const string DevelopmentInput = "rvDevelopment";
    public const string ThemesInput = "rvThemes";
    public const string HeldOnInput = "rvHeldOn";

    private readonly ItemPresenter _items;

    public ReviewCardBuilder(ItemPresenter items)
    {
        _items = items ?? throw new ArgumentNullException(nameof(items));
    }

    public static string ActionInput(int n) => "rvAction" + n.ToString(CultureInfo.InvariantCulture);

    public static string OwnerInput(int n) => "rvOwner" + n.ToString(CultureInfo.InvariantCulture);

    public static string DueInput(int n) => "rvDue" + n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The form, with the values of a refused submission kept so nothing typed is lost.</summary>
    public AdaptiveCard BuildForm(ReviewFormOpening opening, Person reviewer, ViewState view, DateOnly today, CardNotice? notice = null, ReviewForm? typed = null)
    {
        ArgumentNullException.ThrowIfNull(opening);
        ArgumentNullException.ThrowIfNull(reviewer);
        var item = opening.Item;
        var people = opening.Candidates.Select(p => new Choice(p.DisplayName, p.Id.Value)).ToList();
        var practitioners = opening.Candidates.Where(p => p.Id != reviewer.Id).Select(p => new Choice(p.DisplayName, p.Id.Value)).ToList();
        var body = new List<CardElement>
        {
            new TextBlock { Text = FormTitle, Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock { Text = $"{_items.Title(item, null)}, due {UkDates.Format(item.EffectiveDue)}. Recording it here marks it done.", Wrap = true, IsSubtle = true, Spacing = Spacing.None },
        };
        if (notice is not null)
        {
            body.Add(notice.ToElement());
        }

        body.Add(new TextBlock { Text = GovernanceHint, Wrap = true, Size = TextSize.Small });
        body.Add(new TextInput { Id = CaseInput, Label = ReviewForm.Fields.Case, Value = typed?.Case ?? CaseAudit.CaseOfItem(item.Id), IsRequired = true, ErrorMessage = "Give the case reference.", MaxLength = 50 });
        body.Add(new ChoiceSetInput
        {
            Id = PractitionerInput, Label = ReviewForm.Fields.Practitioner, Value = typed?.Practitioner ?? item.Concerns?.Value, Style = ChoiceInputStyle.Compact,
            Placeholder = "Whose work was reviewed", Choices = practitioners, IsRequired = true, ErrorMessage = "Choose the practitioner.",
        });
        body.Add(new ChoiceSetInput
        {
            Id = PartsInput, Label = ReviewForm.Fields.Parts, IsMultiSelect = true, Style = ChoiceInputStyle.Expanded,
            Value = typed is null ? null : string.Join(',', typed.Parts),
            Choices =
            [
                new Choice("File read", ReviewForm.FileReadPart),
                new Choice("Reflective conversation with the practitioner", ReviewForm.ConversationPart),
                new Choice("Feedback from the child or family", ReviewForm.FeedbackPart),
            ],
        });
        body.Add(LongText(GistInput, ReviewForm.Fields.FeedbackGist + " (the gist)", typed?.FeedbackGist));
        body.Add(new ChoiceSetInput
        {
            Id = JudgementInput, Label = ReviewForm.Fields.Judgement, Value = typed?.Judgement, Style = ChoiceInputStyle.Compact,
            Placeholder = "Choose a judgement", Choices = opening.Settings.Judgements.Select(j => new Choice(j, j)).ToList(), IsRequired = true, ErrorMessage = "Choose a judgement.",
        });
        body.Add(LongText(StrengthsInput, ReviewForm.Fields.Strengths, typed?.Strengths));
        body.Add(LongText(DevelopmentInput, ReviewForm.Fields.Development, typed?.Development));
        body.Add(new ChoiceSetInput
        {
            Id = ThemesInput, Label = ReviewForm.Fields.Themes, IsMultiSelect = true, Style = ChoiceInputStyle.Compact,
            Value = typed is null ? null : string.Join(',', typed.Themes),
            Choices = opening.Settings.Themes.Select(t => new Choice(t, t)).ToList(),
        });
        body.Add(new DateInput { Id = HeldOnInput, Label = ReviewForm.Fields.HeldOn, Value = typed?.HeldOn ?? today, Max = today, IsRequired = true, ErrorMessage = "Give the date of the review." });
        for (var n = 1; n <= ReviewForm.MaxActions; n++)
        {
            var action = typed is not null && typed.Actions.Count >= n ? typed.Actions[n - 1] : null;
            body.Add(new TextBlock { Text = ReviewForm.Fields.Action(n) + (n == 1 ? string.Empty : " (optional)"), Weight = TextWeight.Bolder, Spacing = Spacing.Medium });
            body.Add(new TextInput { Id = ActionInput(n), Label = "What is to be done", Value = action?.Text, MaxLength = ReviewForm.MaxActionLength });
            body.Add(new ChoiceSetInput { Id = OwnerInput(n), Label = "Owner", Value = action?.Owner, Style = ChoiceInputStyle.Compact, Placeholder = "Who will do it", Choices = people });
            body.Add(new DateInput { Id = DueInput(n), Label = "Due", Value = action?.Due, Min = today.AddDays(1) });
        }

        return AdaptiveCard.FullWidth(body, "QaBot: record a reflective case review.") with
        {
            Actions = [new ExecuteAction { Title = "Record the review", Verb = CardVerbs.ReviewSubmit, Style = ActionStyle.Positive, Data = ActionData.ForItem(view, item, 0) }],
        };
    }

    /// <summary>The answer to a recorded (or repeated) submission: what was kept, in place of the form.</summary>
    public AdaptiveCard BuildRecorded(TrackedItem item, ReflectiveCaseReview review, CardNotice notice, Func<PersonId, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(nameOf);
        var body = new List<CardElement>
        {
            new TextBlock { Text = FormTitle, Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            notice.ToElement(),
            new FactSet
            {
                Facts =
                [
                    new Fact("Case", review.Case.Value),
                    new Fact("Recorded for", _items.Title(item, null)),
                    new Fact("Practitioner", nameOf(review.Practitioner)),
                    new Fact("Held on", UkDates.Format(review.HeldOn)),
                    new Fact("Judgement", review.Judgement),
                    new Fact("Themes", review.Themes.Count == 0 ? "none" : string.Join(", ", review.Themes)),
                ],
            },
        };
        body.AddRange(ActionLines(review.Actions.Select(a => (a, nameOf(a.Owner))).ToList()));
        return AdaptiveCard.FullWidth(body, "QaBot: reflective case review recorded.");
    }

    public OutboundMessage RenderLearning(ReviewLearning learning)
    {
        ArgumentNullException.ThrowIfNull(learning);
        var review = learning.Review;
        var body = new List<CardElement>
        {
            new TextBlock { Text = "Your work was reviewed", Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock { Text = $"{learning.ReviewerName} recorded a reflective case review of your work on case {review.Case} ({UkDates.Format(review.HeldOn)}).", Wrap = true },
            new TextBlock { Text = "What went well", Weight = TextWeight.Bolder, Spacing = Spacing.Medium },
            new TextBlock { Text = review.Strengths, Wrap = true, Spacing = Spacing.None },
            new TextBlock { Text = "To develop", Weight = TextWeight.Bolder, Spacing = Spacing.Medium },
            new TextBlock { Text = review.Development, Wrap = true, Spacing = Spacing.None },
        };
        if (learning.Judgement is { } judgement)
        {
            body.Add(new FactSet { Facts = [new Fact("Judgement", judgement)] });
        }

        body.AddRange(ActionLines(learning.Actions));
        body.Add(new TextBlock { Text = "Actions you own are in \"my tasks\", with reminders. Talk it through with your manager in supervision.", Wrap = true, IsSubtle = true, Spacing = Spacing.Medium });
        var card = AdaptiveCard.FullWidth(body, "QaBot: your work was reviewed.");
        return OutboundMessage.FromCard(card.ToJson(), "Your work was reviewed");
    }

    private static IEnumerable<CardElement> ActionLines(IReadOnlyList<(ReviewAction Action, string OwnerName)> actions)
    {
        if (actions.Count == 0)
        {
            yield return new TextBlock { Text = "No actions.", Wrap = true, Spacing = Spacing.Medium };
            yield break;
        }

        yield return new TextBlock { Text = "Actions", Weight = TextWeight.Bolder, Spacing = Spacing.Medium };
        foreach (var (action, owner) in actions)
        {
            yield return new TextBlock { Text = $"{action.Number}. {action.Text}: {owner}, due {UkDates.Format(action.Due)}", Wrap = true, Spacing = Spacing.None };
        }
    }

    private static TextInput LongText(string id, string label, string? value) =>
        new() { Id = id, Label = label, Value = value, IsMultiline = true, MaxLength = ReviewForm.MaxTextLength };
}
