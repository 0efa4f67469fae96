using QaBot.Core.Organisation;

namespace QaBot.Core.Tracking;

/// <summary>A reminder due to go out: the item, its owner and the instant it was planned for.</summary>
public sealed record ReminderDue(ItemKey Item, PersonId Owner, DateTimeOffset RemindAt);
