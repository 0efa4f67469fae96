using QaBot.Core.Tracking;

namespace QaBot.Application.Tracking;

public static class TrackingStoreExtensions
{
    /// <summary>Adds new items without history; see <see cref="ITrackingStore.AddIfAbsentAsync"/>.</summary>
    public static Task<int> AddIfAbsentAsync(this ITrackingStore store, IReadOnlyCollection<TrackedItem> items, AuditOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(items);
        return store.AddIfAbsentAsync(items.Select(NewItem.Of).ToList(), origin, cancellationToken);
    }
}
