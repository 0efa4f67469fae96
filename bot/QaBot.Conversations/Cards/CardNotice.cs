namespace QaBot.Conversations.Cards;

/// <summary>A short message at the top of a card: what was just recorded, or why something was not.</summary>
public sealed record CardNotice(NoticeKind Kind, string Text)
{
    public static CardNotice Success(string text) => new(NoticeKind.Success, text);

    public static CardNotice Warning(string text) => new(NoticeKind.Warning, text);

    public static CardNotice Information(string text) => new(NoticeKind.Information, text);

    /// <summary>The notice as a styled container.</summary>
    public Container ToElement() => new()
    {
        Style = Kind switch
        {
            NoticeKind.Success => ContainerStyle.Good,
            NoticeKind.Warning => ContainerStyle.Attention,
            _ => ContainerStyle.Emphasis,
        },
        Spacing = Spacing.Medium,
        Items = [new TextBlock { Text = Text, Wrap = true }],
    };
}

public enum NoticeKind
{
    Success,
    Warning,
    Information,
}
