using QaBot.Conversations.Actions;
using QaBot.Conversations.Cards;
using QaBot.Conversations.Text;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Conversations.Activities;

/// <summary>
/// The "Log activity" form: for duties with no set rhythm ("as required", "ongoing"), which QaBot does not remind
/// about, a person records when they did one so that it is on record with the rest.
/// </summary>
public sealed class LogActivityCardBuilder
{
    private readonly FrameworkCatalogue _catalogue;

    public LogActivityCardBuilder(FrameworkCatalogue catalogue)
    {
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
    }

    public AdaptiveCard Build(Person person, DateOnly today, CardNotice? notice = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        var duties = _catalogue.LoggableDuties(person.RolesOn(today));
        var body = new List<CardElement>
        {
            new TextBlock { Text = "Log an activity", Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock
            {
                Text = "Some duties have no set rhythm (\"as required\", \"ongoing\"), so I don't send reminders for them. Log them here when you do them, so they are on record.",
                Wrap = true,
                IsSubtle = true,
                Spacing = Spacing.None,
            },
        };
        if (notice is not null)
        {
            body.Add(notice.ToElement());
        }

        if (duties.Count == 0)
        {
            body.Add(new TextBlock { Text = "None of your roles has a duty without a set rhythm, so there is nothing to log here.", Wrap = true, Spacing = Spacing.Medium });
            return new AdaptiveCard { Body = body, FallbackText = "QaBot: nothing to log.", MsTeams = new TeamsCardOptions { Width = "Full" } };
        }

        var roles = duties.Select(d => d.RoleId).Distinct().Count();
        body.Add(new ChoiceSetInput
        {
            Id = ActionData.LogDutyInput,
            Label = "What did you do?",
            IsRequired = true,
            ErrorMessage = "Choose the activity.",
            Style = ChoiceInputStyle.Compact,
            Wrap = true,
            Placeholder = "Choose an activity",
            Choices = duties.Select(d => new Choice(ChoiceTitle(d, roles > 1), d.Id.Value)).ToList(),
        });
        body.Add(new DateInput { Id = ActionData.LogDateInput, Label = "When", Value = today, Max = today, IsRequired = true, ErrorMessage = "Choose the date you did it." });
        body.Add(new TextInput { Id = ActionData.LogNoteInput, Label = "Note (optional)", IsMultiline = true, MaxLength = ActionData.MaxNoteLength });
        return new AdaptiveCard
        {
            Body = body,
            Actions = [new ExecuteAction { Title = "Log it", Verb = CardVerbs.LogActivity, Style = ActionStyle.Positive, Data = ActionData.ForView(new ViewState(CardView.LogActivity)) }],
            FallbackText = "QaBot: log an activity that has no set rhythm.",
            MsTeams = new TeamsCardOptions { Width = "Full" },
        };
    }

    private string ChoiceTitle(Duty duty, bool withRole)
    {
        var title = DutyWording.Shorten(DutyWording.Title(duty), 100);
        return withRole && _catalogue.FindRole(duty.RoleId) is { } role ? $"{title} ({role.Name})" : title;
    }
}
