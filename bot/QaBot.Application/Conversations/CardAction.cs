namespace QaBot.Application.Conversations;

/// <summary>An <c>Action.Execute</c> press on an Adaptive Card.</summary>
/// <param name="Verb">The action's verb, exactly as the card declared it (may be empty).</param>
/// <param name="DataJson">
/// The action's data merged with the card's input values, as the channel sent it (a JSON object, <c>{}</c> when none).
/// It comes from the client: treat every field as untrusted input.
/// </param>
/// <param name="IsAutomaticRefresh">True when Teams asked for the card's refresh view rather than a person pressing a button.</param>
public sealed record CardAction(string Verb, string DataJson, bool IsAutomaticRefresh);
