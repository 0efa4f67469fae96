using QaBot.Application.Organisation.Leave;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Cards;
using QaBot.Core.Calendar;

namespace QaBot.Conversations.Workforce;

/// <summary>
/// The "Record leave" form: a person records their own leave, or a manager someone's they manage, with a colleague to
/// cover if there is one, and sees the leave already recorded for them and their team (docs/workforce.md).
/// </summary>
public static class LeaveCardBuilder
{
    public const string WhoInput = "leaveWho";
    public const string FromInput = "leaveFrom";
    public const string ToInput = "leaveTo";
    public const string CoverInput = "leaveCover";

    public static AdaptiveCard Build(LeaveForm form, DateOnly today, CardNotice? notice = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        var body = new List<CardElement>
        {
            new TextBlock { Text = "Record leave", Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock
            {
                Text = "While someone is away their reminders pause. With no cover, what falls due meanwhile moves to their first working day back, "
                    + "and statutory items go to their manager. With a cover, the cover holds their items and their team's escalations until they return.",
                Wrap = true,
                IsSubtle = true,
                Spacing = Spacing.None,
            },
        };
        if (notice is not null)
        {
            body.Add(notice.ToElement());
        }

        if (form.Recorded.Count > 0)
        {
            body.Add(new TextBlock { Text = "Away now or coming up", Weight = TextWeight.Bolder, Spacing = Spacing.Medium, Wrap = true });
            foreach (var leave in form.Recorded)
            {
                var cover = leave.CoverName is { } name ? $", covered by {name}" : ", no cover";
                body.Add(new TextBlock { Text = $"{leave.Name}: {UkDates.Format(leave.Absence.From)} to {UkDates.Format(leave.Absence.To)}{cover}", Wrap = true, Spacing = Spacing.None });
            }
        }

        if (form.Reports.Count > 0)
        {
            body.Add(new ChoiceSetInput
            {
                Id = WhoInput,
                Label = "Who is away?",
                IsRequired = true,
                ErrorMessage = "Choose who is away.",
                Style = ChoiceInputStyle.Compact,
                Value = form.Person.Id.Value,
                Choices = [new Choice($"Me ({form.Person.DisplayName})", form.Person.Id.Value), .. form.Reports.Select(r => new Choice(r.DisplayName, r.Id.Value))],
            });
        }

        body.Add(new DateInput { Id = FromInput, Label = "First day away", Min = today, IsRequired = true, ErrorMessage = "Choose the first day away." });
        body.Add(new DateInput { Id = ToInput, Label = "Last day away", Min = today, IsRequired = true, ErrorMessage = "Choose the last day away." });
        body.Add(new ChoiceSetInput
        {
            Id = CoverInput,
            Label = "Who covers (optional)",
            Style = ChoiceInputStyle.Compact,
            Placeholder = "No cover: items wait for their return",
            Choices = form.Covers.Select(p => new Choice(p.Id == form.Person.Id ? $"Me ({p.DisplayName})" : p.DisplayName, p.Id.Value)).ToList(),
        });
        return new AdaptiveCard
        {
            Body = body,
            Actions = [new ExecuteAction { Title = "Record leave", Verb = CardVerbs.RecordLeave, Style = ActionStyle.Positive, Data = ActionData.ForView(new ViewState(CardView.Leave)) }],
            FallbackText = "QaBot: record leave.",
            MsTeams = new TeamsCardOptions { Width = "Full" },
        };
    }
}
