using QaBot.Conversations.Actions;
using QaBot.Conversations.Cards;

namespace QaBot.Conversations.Digests;

/// <summary>How to show a digest: which view it answers (so that its buttons come back to it), which page, and any notice on top.</summary>
public sealed record DigestCardOptions
{
    public ViewState View { get; init; } = ViewState.Digest;

    /// <summary>The heading; the digest's own when null.</summary>
    public string? Title { get; init; }

    /// <summary>What to say when there is nothing to show.</summary>
    public string? EmptyText { get; init; }

    public CardNotice? Notice { get; init; }

    /// <summary>A line under the heading, before the counts (for example why a reminder was sent).</summary>
    public string? Introduction { get; init; }
}
