using QaBot.Core.Conversations;

namespace QaBot.Bot.Turns;

/// <summary>
/// The bot's turn handler until the conversation logic is connected to the framework catalogue and the staff
/// directory: it greets people on install and answers every message with what QaBot does and who to contact.
/// </summary>
internal sealed class HelpTurnHandler : ITurnHandler
{
    public const string HelpText =
        "Hello, I'm QaBot. I help you keep up with the Quality & Performance Framework.\n\n" +
        "- When one of your duties is due (supervision, audits, meetings and the rest), I'll send you a card. " +
        "You can mark it done, reschedule it, or say it doesn't apply this time, straight from the card.\n" +
        "- Ask me \"what's due\" or \"my tasks\" to see what is due for you.\n" +
        "- Directors, heads of service and team managers can ask \"what's overdue in my area\".\n\n" +
        "I'm not yet connected to the framework and the staff directory, so I can't answer those questions yet. " +
        "If you need help now, please contact the QA team.";

    public const string ActionNotAvailable =
        "This card's buttons are not available yet. Please contact the QA team if you need to record something now.";

    public Task<TurnResult> HandleAsync(IncomingTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var result = turn.Kind switch
        {
            TurnKind.Message or TurnKind.Installed => TurnResult.Reply(OutboundMessage.FromText(HelpText)),
            TurnKind.CardAction => TurnResult.Invoke(InvokeResponse.Message(ActionNotAvailable)),
            _ => TurnResult.None,
        };
        return Task.FromResult(result);
    }
}
