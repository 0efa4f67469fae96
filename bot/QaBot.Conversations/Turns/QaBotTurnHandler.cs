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
using QaBot.Core.Calendar;
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
    private readonly ViewRenderer _views;
    private readonly CardActionHandler _actions;
    private readonly GreetingCardBuilder _greeting;
    private readonly HelpCardBuilder _help;
    private readonly AreaTreeCache _areas;
    private readonly ComplianceAnswerQuery _compliance;
    private readonly ComplianceCardBuilder _complianceCards;
    private readonly OrganisationPolicy _policy;
    private readonly CouncilCalendar _calendar;
    private readonly ConversationsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<QaBotTurnHandler> _logger;
    private readonly CaseReplies _cases;

    public QaBotTurnHandler(
        IDirectoryStore directory,
        RememberConversation conversations,
        ViewRenderer views,
        CardActionHandler actions,
        GreetingCardBuilder greeting,
        HelpCardBuilder help,
        AreaTreeCache areas,
        ComplianceAnswerQuery compliance,
        ComplianceCardBuilder complianceCards,
        OrganisationPolicy policy,
        CouncilCalendar calendar,
        ConversationsOptions options,
        TimeProvider time,
        ILogger<QaBotTurnHandler> logger,
        CaseReplies cases)
    {
        _cases = cases ?? throw new ArgumentNullException(nameof(cases));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _conversations = conversations ?? throw new ArgumentNullException(nameof(conversations));
        _views = views ?? throw new ArgumentNullException(nameof(views));
        _actions = actions ?? throw new ArgumentNullException(nameof(actions));
        _greeting = greeting ?? throw new ArgumentNullException(nameof(greeting));
        _help = help ?? throw new ArgumentNullException(nameof(help));
        _areas = areas ?? throw new ArgumentNullException(nameof(areas));
        _compliance = compliance ?? throw new ArgumentNullException(nameof(compliance));
        _complianceCards = complianceCards ?? throw new ArgumentNullException(nameof(complianceCards));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>What someone the directory does not know is told.</summary>
    public string UnknownPersonText =>
        "Hello, I'm QaBot. I help staff keep up with the council's Quality & Performance Framework, but I can't find you in QaBot's staff list, " +
        $"so I can't remind you of anything yet. Please contact {_options.SupportContact} and ask them to add you.";

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
        var remember = _conversations.OnMessageAsync(turn.Reference, now, cancellationToken);
        var today = _calendar.LocalDateOf(now);
        if (CaseUpdateReader.Read(turn.Text, today) is { } caseUpdate)
        {
            var recorded = await _cases.RecordAsync(person, caseUpdate, now, new AuditOrigin("teams", turn.ActivityId), cancellationToken).ConfigureAwait(false);
            await remember.ConfigureAwait(false);
            return TurnResult.Reply(recorded);
        }

        var intent = IntentReader.Read(turn.Text);
        var reply = intent.Kind switch
        {
            MessageIntentKind.MyCases => await _cases.MyCasesAsync(person, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.MyTasks => await ViewAsync(person, new ViewState(CardView.Digest), today, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.DueThisWeek => await ViewAsync(person, new ViewState(CardView.Week), today, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.LogActivity => await ViewAsync(person, new ViewState(CardView.LogActivity), today, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.Overdue => await OverdueAsync(person, intent.Area, today, cancellationToken).ConfigureAwait(false),
            MessageIntentKind.Compliance => FromCard(_complianceCards.Build(await _compliance.RunAsync(person, await _areas.GetAsync(cancellationToken).ConfigureAwait(false), today, cancellationToken).ConfigureAwait(false))),
            MessageIntentKind.Help => FromCard(_help.Build(person, today)),
            _ => FromCard(_help.Build(person, today, turn.Text)),
        };
        await remember.ConfigureAwait(false);
        return TurnResult.Reply(reply);
    }

    private async Task<OutboundMessage> OverdueAsync(Person person, string? areaText, DateOnly today, CancellationToken cancellationToken)
    {
        Area? asked = null;
        if (areaText is not null)
        {
            var tree = await _areas.GetAsync(cancellationToken).ConfigureAwait(false);
            var match = AreaFinder.Find(tree, areaText, ScopeRules.For(person, _policy, tree, today));
            if (match.Ambiguous)
            {
                var choices = string.Join('\n', match.Candidates.Take(6).Select(a => "- " + tree.PathOf(a.Id)));
                return OutboundMessage.FromText($"More than one area is called \"{areaText}\". Which one do you mean? Ask again with more of its name, for example:\n{choices}");
            }

            if (!match.Found)
            {
                var suggestions = match.Suggestions.Count == 0
                    ? "Try \"what's overdue in my area\"."
                    : $"Did you mean {string.Join(" or ", match.Suggestions.Select(a => a.Name))}?";
                return OutboundMessage.FromText($"I couldn't find an area called \"{areaText}\". {suggestions}");
            }

            asked = match.Area;
        }

        return await ViewAsync(person, new ViewState(CardView.Overdue, 0, asked?.Id), today, cancellationToken).ConfigureAwait(false);
    }

    private async Task<OutboundMessage> ViewAsync(Person person, ViewState view, DateOnly today, CancellationToken cancellationToken) =>
        FromCard(await _views.RenderAsync(person, view, today, null, cancellationToken).ConfigureAwait(false));

    private static OutboundMessage FromCard(AdaptiveCard card) => OutboundMessage.FromCard(card.ToJson(), card.FallbackText);
}
