using QaBot.Application.Conversations;
using QaBot.Core.Reminders;

namespace QaBot.Application.Reminders;

/// <summary>Turns a digest into the message a person receives (an Adaptive Card in Teams).</summary>
public interface IDigestRenderer
{
    /// <summary>A scheduled digest: the person's due and overdue items and what has escalated to them.</summary>
    OutboundMessage Render(Digest digest);

    /// <summary>A manager's reminder about the items in <paramref name="digest"/>, saying who sent it.</summary>
    OutboundMessage RenderNudge(Digest digest, string fromName);
}
