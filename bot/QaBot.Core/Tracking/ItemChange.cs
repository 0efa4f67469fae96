namespace QaBot.Core.Tracking;

/// <summary>A change to an item, written in one transaction: the new state, its audit entry and any reply or nudge record.</summary>
public sealed record ItemChange(TrackedItem After, AuditEntry Audit, ItemReply? Reply = null, ItemNudge? Nudge = null);
