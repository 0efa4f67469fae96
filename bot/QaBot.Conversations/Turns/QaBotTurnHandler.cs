using Microsoft.Extensions.Logging;
using QaBot.Application.Compliance;
using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Cards;
using QaBot.Conversations.Cases;
using QaBot.Conversations.Compliance;
using QaBot.Conversations.Greeting;
using QaBot.Conversations.Overdue;
using QaBot.Conversations.Text;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Conversations.Turns;

/// <summary>
/// QaBot's conversation logic behind the protocol layer: greets people on install (storing where to message them),
/// answers questions in chat with cards, and handles the buttons on those cards. Who someone is, and what they may
/// see, always comes from the directory by their Entra object id, never from what they typed or what a card says.
/// </summary>
public sealed class QaBotTurnHandler : ITurnHandler
{
    private readonly IDirectoryStore _directory;
    private readonly RememberConversation _conversations;
    private readonly RememberTeamChannel _channels;
    private readonly ViewRenderer _views;
    private readonly CardActionHandler _actions;
    private readonly GreetingCardBuilder _greeting;
    private readonly HelpCardBuilder _help;
    private readonly AreaTreeCache _areas;
    private readonly ComplianceAnswerQuery _compliance;
    private readonly ComplianceCardBuilder _complianceCards;
    private readonly OrganisationPolicy _policy;
    private readonly FrameworkCatalogue _catalogue;
    private readonly CouncilCalendar _calendar;
    private readonly ConversationsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<QaBotTurnHandler> _logger;
    private readonly CaseReplies _cases;
    private readonly Assurance.ReviewReplies _reviews;

    public QaBotTurnHandler(
        IDirectoryStore directory,
        RememberConversation conversations,
        RememberTeamChannel channels,
        ViewRenderer views,
        CardActionHandler actions,
        GreetingCardBuilder greeting,
        HelpCardBuilder help,
        AreaTreeCache areas,
        ComplianceAnswerQuery compliance,
        ComplianceCardBuilder complianceCards,
        OrganisationPolicy policy,
        FrameworkCatalogue catalogue,
        CouncilCalendar calendar,
        ConversationsOptions options,
        TimeProvider time,
        ILogger<QaBotTurnHandler> logger,
        CaseReplies cases,
        Assurance.ReviewReplies reviews)
    {
        _cases = cases ?? throw new ArgumentNullException(nameof(cases));
        _reviews = reviews ?? throw new ArgumentNullException(nameof(reviews));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _channels = channels ?? throw new ArgumentNullException(nameof(channels));
        _views = views ?? throw new ArgumentNullException(nameof(views));
        _actions = actions ?? throw new ArgumentNullException(nameof(actions));
        _greeting = greeting ?? throw new ArgumentNullException(nameof(greeting));
        _help = help ?? throw new ArgumentNullException(nameof(help));
        _areas = areas ?? throw new ArgumentNullException(nameof(areas));
        _compliance = compliance ?? throw new ArgumentNullException(nameof(compliance));
        _complianceCards = complianceCards ?? throw new ArgumentNullException(nameof(complianceCards));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>What someone the directory does not know is told.</summary>
    public string UnknownPersonText =>
        "Hello, I'm QaBot. I help staff keep up with the council's Quality & Performance Framework, but I can't find you in QaBot's staff list, " +
        $"so I can't remind you of anything yet. Please contact {_options.SupportContact} and ask them to add you.";

    /// <summary>What QaBot says in a team when it is added to it.</summary>
    public const string ChannelWelcomeText =
        "Hello, I'm QaBot. The quality assurance team can have the monthly performance report posted to this team's channels. " +
        "Ask me \"how did we do last month\" or \"what's overdue\" here for counts by area and duty; I give names only in your personal chat with me.";

    /// <summary>What QaBot says in a channel or group chat when asked for something that is one person's own.</summary>
    public const string PersonalChatOnlyText =
        "Everyone in this conversation can read my answers, so I show your own tasks and names only in your personal chat with me. Ask me there.";

    public async Task<TurnResult> HandleAsync(IncomingTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var now = _time.GetUtcNow();
        switch (turn.Kind)
        {
            case TurnKind.Installed:
            case TurnKind.MembersAdded when turn.BotWasAdded:
                return await InstalledAsync(turn, now, cancellationToken).ConfigureAwait(false);

            case TurnKind.Message:
                return await MessageAsync(turn, now, cancellationToken).ConfigureAwait(false);

            case TurnKind.CardAction:
                var person = await FindSenderAsync(turn, cancellationToken).ConfigureAwait(false);
                if (person is null)
                {
                    ConversationLog.UnknownPerson(_logger, turn.Sender.PersonId?.Value ?? "(none)");
                    return TurnResult.Invoke(InvokeResponse.Error(403, "UnknownPerson", $"QaBot can't find you in its staff list, so it can't record this. Please contact {_options.SupportContact}."));
                }

                return TurnResult.Invoke(await _actions.HandleAsync(turn, person, now, cancellationToken).ConfigureAwait(false));

            default:
                return TurnResult.None;
        }
    }

    private async Task<Person?> FindSenderAsync(IncomingTurn turn, CancellationToken cancellationToken) =>
        turn.Sender.PersonId is { } id && await _directory.GetPersonAsync(id, cancellationToken).ConfigureAwait(false) is { Active: true } person
            ? person
            : null;

    private async Task<TurnResult> InstalledAsync(IncomingTurn turn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (turn.ConversationKind == ConversationKind.Channel && turn.Channel is { } channel)
        {
            // Teams sends an install and a "members added" together: the team is greeted once, on the install.
            await _channels.OnInstalledAsync(channel, now, cancellationToken).ConfigureAwait(false);
            return turn.Kind == TurnKind.Installed ? TurnResult.Reply(OutboundMessage.FromText(ChannelWelcomeText)) : TurnResult.None;
        }

        if (turn.ConversationKind != ConversationKind.Personal)
        {
            return TurnResult.None;
        }

        var person = await FindSenderAsync(turn, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            ConversationLog.UnknownPerson(_logger, turn.Sender.PersonId?.Value ?? "(none)");
            return TurnResult.Reply(OutboundMessage.FromText(UnknownPersonText));
        }

        if (!await _conversations.OnInstalledAsync(person, turn.Reference, now, cancellationToken).ConfigureAwait(false))
        {
            return TurnResult.None;
        }

        var card = _greeting.Build(person, _calendar.LocalDateOf(now));
        return TurnResult.Reply(OutboundMessage.FromCard(card.ToJson(), card.FallbackText));
    }

    private async Task<TurnResult> MessageAsync(IncomingTurn turn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var person = await FindSenderAsync(turn, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            ConversationLog.UnknownPerson(_logger, turn.Sender.PersonId?.Value ?? "(none)");
            return TurnResult.Reply(OutboundMessage.FromText(UnknownPersonText));
        }

        // Someone who installed before the directory knew them has no stored conversation yet: keep it now.
        var remember = turn.Channel is { } channel
            ? _channels.OnMessageAsync(channel, now, cancellationToken)
            : _conversations.OnMessageAsync(turn.Reference, now, cancellationToken);
        var today = _calendar.LocalDateOf(now);
        if (CaseUpdateReader.Read(turn.Text, today) is { } caseUpdate)
        {
            var recorded = await _cases.RecordAsync(person, caseUpdate, now, new AuditOrigin("teams", turn.ActivityId), cancellationToken).ConfigureAwait(false);
            await remember.ConfigureAwait(false);
            return TurnResult.Reply(recorded);
        }

        var intent = IntentReader.Read(turn.Text);
        var shared = turn.ConversationKind != ConversationKind.Personal;
        var reply = intent.Kind switch
        {
            MessageIntentKind.MyTasks or MessageIntentKind.DueThisWeek or MessageIntentKind.LogActivity or MessageIntentKind.Leave or MessageIntentKind.MyCases or MessageIntentKind.Audits or MessageIntentKind.LearningDays or MessageIntentKind.ArrangeAudit or MessageIntentKind.Programme when shared => OutboundMessage.FromText(PersonalChatOnlyText),
            MessageIntentKind.MyCases => await _cases.MyCasesAsync(person, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.MyTasks => await ViewAsync(person, new ViewState(CardView.Digest), today, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.DueThisWeek => await ViewAsync(person, new ViewState(CardView.Week), today, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.LogActivity => await ViewAsync(person, new ViewState(CardView.LogActivity), today, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.Leave => await ViewAsync(person, new ViewState(CardView.Leave), today, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.Programme => await ViewAsync(person, new ViewState(CardView.Programme), today, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.Overdue => await OverdueAsync(person, intent.Area, today, shared, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.Compliance => await ComplianceAsync(person, intent, today, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.Reviews => await _reviews.SummaryAsync(person, intent.ReviewPeriod, today, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.Audits => await _reviews.AuditsAsync(person, today, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.LearningDays => await _reviews.LearningDaysAsync(person, today, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.ArrangeAudit => _reviews.ArrangeForm(person, today),
            MessageIntentKind.Help => FromCard(_help.Build(person, today)),
            _ => FromCard(_help.Build(person, today, turn.Text)),
        };
        await remember.ConfigureAwait(false);
        return TurnResult.Reply(reply);
    }

    private async Task<OutboundMessage> OverdueAsync(Person person, string? areaText, DateOnly today, bool shared, CancellationToken cancellationToken)
    {
        var tree = await _areas.GetAsync(cancellationToken).ConfigureAwait(false);
        if (shared && ScopeRules.For(person, _policy, tree, today).Kind == ScopeKind.OwnItems)
        {
            // Their own overdue items would carry their own name and cases into a conversation others read.
            return OutboundMessage.FromText(PersonalChatOnlyText);
        }

        var (asked, problem) = FindArea(person, tree, areaText, today, "Try \"what's overdue in my area\".");
        if (problem is not null)
        {
            return problem;
        }

        return await ViewAsync(person, new ViewState(CardView.Overdue, 0, asked?.Id), today, cancellationToken, shared).ConfigureAwait(false);
    }

    /// <summary>"how is Chesterfield doing on supervision", "compliance for my area last quarter": scoped as every answer is.</summary>
    private async Task<OutboundMessage> ComplianceAsync(Person person, MessageIntent intent, DateOnly today, CancellationToken cancellationToken)
    {
        var tree = await _areas.GetAsync(cancellationToken).ConfigureAwait(false);
        var (asked, problem) = FindArea(person, tree, intent.Area, today, "Try \"how are we doing\".");
        if (problem is not null)
        {
            return problem;
        }

        IReadOnlySet<DutyId>? duties = null;
        if (intent.Duty is { } dutyText)
        {
            duties = DutyWording.Matching(_catalogue, dutyText);
            if (duties.Count == 0)
            {
                return OutboundMessage.FromText($"I couldn't find a duty called \"{dutyText}\". Try \"how are we doing\" for every duty.");
            }
        }

        var question = new ComplianceQuestion(asked?.Id, duties, intent.Duty, intent.Period);
        return FromCard(_complianceCards.Build(await _compliance.RunAsync(person, tree, today, question, cancellationToken).ConfigureAwait(false)));
    }

    /// <summary>The area someone named, or the reply to give when it is unknown or ambiguous; no area when they named none.</summary>
    private (Area? Area, OutboundMessage? Problem) FindArea(Person person, AreaTree tree, string? areaText, DateOnly today, string fallbackHint)
    {
        if (areaText is null)
        {
            return (null, null);
        }

        var match = AreaFinder.Find(tree, areaText, ScopeRules.For(person, _policy, tree, today));
        if (match.Ambiguous)
        {
            var choices = string.Join('\n', match.Candidates.Take(6).Select(a => "- " + tree.PathOf(a.Id)));
            return (null, OutboundMessage.FromText($"More than one area is called \"{areaText}\". Which one do you mean? Ask again with more of its name, for example:\n{choices}"));
        }

        if (!match.Found)
        {
            var suggestions = match.Suggestions.Count == 0
                ? fallbackHint
                : $"Did you mean {string.Join(" or ", match.Suggestions.Select(a => a.Name))}?";
            return (null, OutboundMessage.FromText($"I couldn't find an area called \"{areaText}\". {suggestions}"));
        }

        return (match.Area, null);
    }

    private async Task<OutboundMessage> ViewAsync(Person person, ViewState view, DateOnly today, CancellationToken cancellationToken, bool shared = false) =>
        FromCard(await _views.RenderAsync(person, view, today, null, cancellationToken, shared).ConfigureAwait(false));

    private static OutboundMessage FromCard(AdaptiveCard card) => OutboundMessage.FromCard(card.ToJson(), card.FallbackText);
}
