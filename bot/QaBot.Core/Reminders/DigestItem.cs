using QaBot.Core.Tracking;

namespace QaBot.Core.Reminders;

/// <summary>An item in a digest with the names a card shows beside it (looked up when the digest is composed).</summary>
/// <param name="OwnerName">Who owns the item: shown in escalated sections.</param>
/// <param name="ConcernsName">For per-report duties: the supervisee's name.</param>
/// <param name="EscalationLevel">0 for the recipient's own items; 1 for their line reports' items; 2 for the level above.</param>
public sealed record DigestItem(TrackedItem Item, string OwnerName, string? ConcernsName, int EscalationLevel)
{
    /// <summary>The owner is an elected member: their item reaches the member-support officer, who has no Nudge for it.</summary>
    public bool OwnerIsMember { get; init; }

    /// <summary>The recipient holds the item while its owner, named here, is away: as their cover, or, for a statutory item, as their manager.</summary>
    public string? CoveringFor { get; init; }
}
