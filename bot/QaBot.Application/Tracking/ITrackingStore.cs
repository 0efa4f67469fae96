using QaBot.Core.Compliance;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Application.Tracking;

/// <summary>
/// The tracked items, their replies, nudges and audit trail. Every change goes through <see cref="UpdateAsync"/>,
/// which writes the new state, its indexes, the reply or nudge and the audit entry in one transaction, conditional on
/// the state it read.
/// </summary>
public interface ITrackingStore
{
    /// <summary>
    /// Adds the items not already stored (an item is identified by its occurrence id in its owner's home area) and
    /// leaves the others untouched, so a rerun adds nothing. Returns the number added.
    /// </summary>
    Task<int> AddIfAbsentAsync(IReadOnlyCollection<NewItem> items, AuditOrigin origin, CancellationToken cancellationToken = default);

    Task<TrackedItem?> GetAsync(ItemKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a change computed from the item's current state (see <see cref="ItemTransitions"/>). When someone else
    /// changed the item in between, the change is computed again from the fresh state and retried a few times; if it
    /// still conflicts the result says so and nothing is overwritten.
    /// </summary>
    Task<ItemUpdateResult> UpdateAsync(ItemKey key, Func<TrackedItem, ItemChange?> change, CancellationToken cancellationToken = default);

    /// <summary>The person's outstanding items (open or rescheduled), earliest due first.</summary>
    Task<IReadOnlyList<TrackedItem>> GetOpenItemsAsync(Person person, CancellationToken cancellationToken = default);

    /// <summary>
    /// The items kept in <paramref name="area"/> itself (not the areas below it) that were set aside as not applicable,
    /// originally due on or after <paramref name="dueFrom"/>, earliest first: one partition, filtered by the service.
    /// </summary>
    Task<IReadOnlyList<TrackedItem>> GetSetAsideAsync(AreaId area, DateOnly dueFrom, CancellationToken cancellationToken = default);

    /// <summary>
    /// Outstanding items anywhere in the area's subtree whose (rescheduled) due date is before
    /// <paramref name="dueBefore"/>, earliest first. Reads one key range of live items only: the rows it returns and
    /// nothing else. For what is overdue under the council's policy pass <see cref="Core.Scheduling.ScheduleRules.OverdueDueBefore"/>.
    /// </summary>
    Task<IReadOnlyList<TrackedItem>> GetOutstandingAsync(AreaId area, DateOnly dueBefore, CancellationToken cancellationToken = default);

    /// <summary>
    /// The first <paramref name="max"/> outstanding items kept in <paramref name="area"/> itself (not the areas below it)
    /// whose (rescheduled) due date is from <paramref name="firstDue"/> to <paramref name="lastDue"/>, earliest first. One
    /// bounded key-range read of live items: at most <paramref name="max"/> entities.
    /// </summary>
    Task<IReadOnlyList<TrackedItem>> GetOutstandingKeptInAsync(AreaId area, DateOnly firstDue, DateOnly lastDue, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// The outstanding items kept in <paramref name="area"/> with the keys given (due date now and id), by point reads of
    /// the Outstanding index, in the keys' order; an item no longer outstanding there is left out.
    /// </summary>
    Task<IReadOnlyList<TrackedItem>> GetOutstandingByKeyAsync(AreaId area, IReadOnlyList<OpenKey> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts of outstanding items due before <paramref name="dueBefore"/> in the area's subtree, by the area one level
    /// below <paramref name="area"/> and duty (as <see cref="OverdueSummary"/> counts them). Reads the same rows as
    /// <see cref="GetOutstandingAsync"/> but only the few fields a count needs, so it stays quick for a whole department.
    /// </summary>
    Task<IReadOnlyList<AreaDutyCount>> CountOutstandingAsync(AreaId area, DateOnly dueBefore, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reminders planned after <paramref name="after"/> and up to <paramref name="upTo"/>, for outstanding items.
    /// A reminder is a hint: check the item's current state before sending.
    /// </summary>
    Task<IReadOnlyList<ReminderDue>> GetDueForReminderAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken = default);

    /// <summary>Every reply recorded for the item, oldest first.</summary>
    Task<IReadOnlyList<ItemReply>> GetRepliesAsync(ItemKey key, CancellationToken cancellationToken = default);

    /// <summary>Every nudge recorded for the item, oldest first.</summary>
    Task<IReadOnlyList<ItemNudge>> GetNudgesAsync(ItemKey key, CancellationToken cancellationToken = default);

    /// <summary>The item's audit trail, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> GetAuditTrailAsync(ItemKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a person's items to a new home area, or reassigns a leaver's outstanding items to someone else. Safe to
    /// repeat after a failure part-way: it finishes what is left. Returns the number of items transferred.
    /// </summary>
    Task<int> TransferAsync(ItemTransfer transfer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finishes index and reminder writes that a process left part-done when it stopped (found from write-ahead
    /// markers older than <paramref name="olderThan"/>, so writes still in flight are left alone), and fills again the
    /// compliance model's kept keys of each area's oldest open items where replies have used them up. Run it before each
    /// scheduler pass and from <c>qabot storage repair</c>. Returns the number of items put right.
    /// </summary>
    Task<int> RepairAsync(TimeSpan olderThan, CancellationToken cancellationToken = default);
}
