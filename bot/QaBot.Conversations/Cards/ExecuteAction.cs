using System.Text.Json.Nodes;

namespace QaBot.Conversations.Cards;

/// <summary>
/// <c>Action.Execute</c> (Universal Actions): Teams sends the bot an <c>adaptiveCard/action</c> invoke with the
/// verb and the data (merged with the card's inputs) and shows the card the bot answers with.
/// </summary>
public sealed record ExecuteAction : CardAction
{
    public string? Verb { get; init; }

    /// <summary>Sent back with the press; it travels through the client, so the bot must check it.</summary>
    public JsonObject? Data { get; init; }

    public AssociatedInputs? AssociatedInputs { get; init; }
}
