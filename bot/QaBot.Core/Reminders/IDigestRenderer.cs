using QaBot.Core.Conversations;

namespace QaBot.Core.Reminders;

/// <summary>Turns a digest into the message a person receives (an Adaptive Card in Teams).</summary>
public interface IDigestRenderer
{
    OutboundMessage Render(Digest digest);
}
