using QaBot.Core.Organisation;
using QaBot.Core.Tracking;

namespace QaBot.Application.Tracking;

/// <summary>
/// The answer to "what's overdue", already scoped to what the viewer may see: for a leader the overdue items in the
/// areas they lead (worst first) with counts by area and duty; for an elected member counts only; for anyone else
/// their own overdue items.
/// </summary>
/// <param name="Areas">The areas the answer covers (none for own items).</param>
/// <param name="Asked">The area the viewer named, if any.</param>
/// <param name="Restricted">The answer covers less than was asked: the card says so.</param>
/// <param name="Items">Overdue items, worst first: the viewer's own, or for a leader the items on the page shown (none for counts only).</param>
/// <param name="Counts">Overdue items by area and duty, largest first.</param>
/// <param name="Names">Display names of the owners and supervisees of the items on the page shown.</param>
/// <param name="Total">How many items are overdue in all (for a leader, taken from the compliance model's counts).</param>
public sealed record OverdueAnswer(
    Person Viewer,
    DateOnly AsOf,
    ScopeKind Kind,
    IReadOnlyList<AreaId> Areas,
    Area? Asked,
    bool Restricted,
    IReadOnlyList<TrackedItem> Items,
    IReadOnlyList<AreaDutyCount> Counts,
    IReadOnlyDictionary<PersonId, string> Names,
    AreaTree Tree,
    int Page,
    int Total);
