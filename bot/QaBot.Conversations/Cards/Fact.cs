namespace QaBot.Conversations.Cards;

/// <summary>One line of a <see cref="FactSet"/>: a label and its value.</summary>
public sealed record Fact(string Title, string Value);
