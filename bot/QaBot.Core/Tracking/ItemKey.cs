using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Core.Tracking;

/// <summary>
/// Where an item is kept: the owner's home area and the occurrence id. Build it from the owner's current home area
/// (<see cref="Person.HomeArea"/>), not from an old card: items follow their owner when they move.
/// </summary>
public readonly record struct ItemKey(AreaId Area, OccurrenceId Id)
{
    public static ItemKey For(Person owner, OccurrenceId id)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new ItemKey(owner.HomeArea, id);
    }

    public override string ToString() => $"{Area}/{Id}";
}
