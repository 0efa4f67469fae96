namespace QaBot.Conversations.Cards;

/// <summary>
/// <c>refresh</c>: when one of <see cref="UserIds"/> opens the card, Teams invokes <see cref="Action"/> and shows
/// the card the bot answers with (a view for that person).
/// </summary>
public sealed record CardRefresh
{
    /// <summary>Teams refreshes automatically for at most this many people.</summary>
    public const int MaxUserIds = 60;

    private readonly CardAction _action = null!;
    private readonly IReadOnlyList<string>? _userIds;

    /// <summary>Must be an <see cref="ExecuteAction"/>.</summary>
    public required CardAction Action
    {
        get => _action;
        init => _action = value as ExecuteAction
            ?? throw new ArgumentException("A card's refresh action must be an Action.Execute.", nameof(value));
    }

    public IReadOnlyList<string>? UserIds
    {
        get => _userIds;
        init => _userIds = value is { Count: > MaxUserIds }
            ? throw new ArgumentException($"A refresh can name at most {MaxUserIds} users; {value.Count} were given.", nameof(value))
            : value;
    }
}
