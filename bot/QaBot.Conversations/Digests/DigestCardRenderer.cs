using QaBot.Application.Conversations;
using QaBot.Application.Reminders;
using QaBot.Core.Reminders;

namespace QaBot.Conversations.Digests;

/// <summary>The scheduler's digest and a manager's nudge as Teams messages: the same card "my tasks" answers with, so its buttons work the same way.</summary>
public sealed class DigestCardRenderer : IDigestRenderer
{
    private readonly DigestCardBuilder _builder;

    public DigestCardRenderer(DigestCardBuilder builder)
    {
        _builder = builder ?? throw new ArgumentNullException(nameof(builder));
    }

    public OutboundMessage Render(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return OutboundMessage.FromCard(_builder.Build(digest).ToJson(), _builder.Summary(digest));
    }

    public OutboundMessage RenderNudge(Digest digest, string fromName)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var card = _builder.Build(digest, new DigestCardOptions
        {
            Title = "A reminder from " + fromName,
            Introduction = $"{fromName} has nudged you about this item. You can reply to it here.",
        });
        return OutboundMessage.FromCard(card.ToJson(), $"{fromName} has nudged you about an overdue item.");
    }
}
