using System.Globalization;
using QaBot.Core.Conversations;
using QaBot.Core.Reminders;

namespace QaBot.Testing.Connector;

/// <summary>Renders a digest as text that names it (<c>digest {run}/{person} ...</c>), so the fake connector can tell which digest each request carried.</summary>
public sealed class TestDigestRenderer : IDigestRenderer
{
    public const string Prefix = "digest ";

    public OutboundMessage Render(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return OutboundMessage.FromText(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{digest.RunId}/{digest.Recipient} own {digest.OwnItems.Count} escalated {digest.Escalated.Count}"));
    }
}
