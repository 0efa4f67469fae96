using QaBot.Conversations.Actions;
using QaBot.Conversations.Cards;
using QaBot.Core.Organisation;

namespace QaBot.Conversations.Greeting;

/// <summary>What QaBot can do, with buttons for the common questions, and who to contact.</summary>
public sealed class HelpCardBuilder
{
    private readonly GreetingCardBuilder _greeting;
    private readonly OrganisationPolicy _policy;
    private readonly ConversationsOptions _options;

    public HelpCardBuilder(GreetingCardBuilder greeting, OrganisationPolicy policy, ConversationsOptions options)
    {
        _greeting = greeting ?? throw new ArgumentNullException(nameof(greeting));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <param name="notUnderstood">What the person typed, when it was not understood (shown back to them).</param>
    public AdaptiveCard Build(Person person, DateOnly today, string? notUnderstood = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        var body = new List<CardElement>();
        if (notUnderstood is not null)
        {
            body.Add(CardNotice.Information($"Sorry, I didn't understand \"{Text.DutyWording.Shorten(notUnderstood, 80)}\".").ToElement());
        }

        body.Add(new TextBlock { Text = "What I can do", Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading });
        body.Add(new TextBlock { Text = "Type one of these, in your own words:", Wrap = true, IsSubtle = true, Spacing = Spacing.None });
        body.Add(new TextBlock { Text = string.Join('\r', _greeting.Questions(person, today).Select(q => "- " + q)), Wrap = true });
        body.Add(new TextBlock { Text = $"Need a hand, or think something is wrong? Contact {_options.SupportContact}.", Wrap = true, IsSubtle = true, Spacing = Spacing.Medium });

        var actions = new List<CardAction>
        {
            new ExecuteAction { Title = "My tasks", Verb = CardVerbs.Refresh, Data = ActionData.ForView(new ViewState(CardView.Digest)) },
            new ExecuteAction { Title = "Due this week", Verb = CardVerbs.Refresh, Data = ActionData.ForView(new ViewState(CardView.Week)) },
        };
        if (_policy.Leads(person, today) || _policy.Monitors(person, today))
        {
            actions.Add(new ExecuteAction { Title = "What's overdue", Verb = CardVerbs.Refresh, Data = ActionData.ForView(new ViewState(CardView.Overdue)) });
        }

        actions.Add(new ExecuteAction { Title = "Log activity", Verb = CardVerbs.Refresh, Data = ActionData.ForView(new ViewState(CardView.LogActivity)) });
        return new AdaptiveCard
        {
            Body = body,
            Actions = actions,
            FallbackText = "QaBot: ask \"my tasks\", \"due this week\", \"what's overdue in my area\", \"log activity\" or \"help\".",
            MsTeams = new TeamsCardOptions { Width = "Full" },
        };
    }
}
