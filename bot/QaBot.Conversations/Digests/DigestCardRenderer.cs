using QaBot.Core.Conversations;
using QaBot.Core.Reminders;

namespace QaBot.Conversations.Digests;

/// <summary>The scheduler's digest as a Teams message: the same card "my tasks" answers with, so its buttons work the same way.</summary>
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
}
