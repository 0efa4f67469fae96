namespace QaBot.Conversations.Cards;

/// <summary>One option of a <see cref="ChoiceSetInput"/>: what the person sees and what the bot receives.</summary>
public sealed record Choice(string Title, string Value);
