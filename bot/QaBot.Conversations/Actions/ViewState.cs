using QaBot.Core.Organisation;

namespace QaBot.Conversations.Actions;

/// <summary>
/// What a card shows: the view, the page, and for the overdue answer the area asked about (which the server narrows
/// to the viewer's scope again on every press: a card can never widen what its holder may see).
/// </summary>
public sealed record ViewState(CardView View, int Page = 0, AreaId? Area = null)
{
    public const int MaxPage = 500;

    public static ViewState Digest { get; } = new(CardView.Digest);

    public ViewState WithPage(int page) => this with { Page = Math.Clamp(page, 0, MaxPage) };
}
