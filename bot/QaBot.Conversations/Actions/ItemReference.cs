using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Conversations.Actions;

/// <summary>
/// The item a button is about, as the card showed it: where it was kept, the version shown, and the slot that names
/// the button's inputs on the card. It comes from the client, so it is only a claim: the server checks it.
/// </summary>
public sealed record ItemReference(OccurrenceId Id, AreaId Area, int Version, int Slot)
{
    public ItemKey Key => new(Area, Id);
}
