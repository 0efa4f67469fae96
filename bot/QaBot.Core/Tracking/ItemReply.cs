using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Core.Tracking;

/// <summary>A person's answer to a reminder, kept as the item's reply history.</summary>
/// <param name="ReplyId">Unique per action (for example the card action's id): the same reply applied twice changes nothing.</param>
/// <param name="Date">The date it was done (Done) or the new date (Rescheduled); null for Not applicable.</param>
/// <param name="Note">The note (Done) or reason (Rescheduled, Not applicable). Free text: never logged.</param>
/// <param name="ReasonCode">For Not applicable: the council's reason code (<c>other</c> when the note says why); null otherwise.</param>
public sealed record ItemReply(
    string ReplyId,
    OccurrenceId Item,
    ReplyKind Kind,
    PersonId By,
    DateTimeOffset At,
    DateOnly? Date,
    string? Note,
    AuditOrigin Origin,
    string? ReasonCode = null);
