namespace QaBot.Conversations.Cards;

/// <summary><c>Action.ShowCard</c>: opens a card inside the card, for example a form to reschedule an item.</summary>
public sealed record ShowCardAction : CardAction
{
    public required AdaptiveCard Card { get; init; }
}
