namespace QaBot.Conversations.Cards;

/// <summary>Teams' own card options (the card's <c>msteams</c> property).</summary>
public sealed record TeamsCardOptions
{
    /// <summary><c>Full</c> lets the card use the chat's whole width.</summary>
    public string? Width { get; init; }
}
