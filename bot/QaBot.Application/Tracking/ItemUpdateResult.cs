using QaBot.Core.Tracking;

namespace QaBot.Application.Tracking;

/// <summary>The outcome of <see cref="ITrackingStore.UpdateAsync"/> with the item as it now stands.</summary>
public sealed record ItemUpdateResult(ItemUpdateStatus Status, TrackedItem? Item);
