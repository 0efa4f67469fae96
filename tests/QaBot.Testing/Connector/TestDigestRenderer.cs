using System.Globalization;
using QaBot.Application.Conversations;
using QaBot.Application.Reminders;
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

    public OutboundMessage RenderNudge(Digest digest, string fromName)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return OutboundMessage.FromText(string.Create(CultureInfo.InvariantCulture, $"nudge from {fromName} to {digest.Recipient} about {digest.OwnItems[0].Item.Id}"));
    }
}
