using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Core.Scheduling;

/// <summary>One dated obligation of a duty for a person.</summary>
/// <param name="Due">The local date (Europe/London) the obligation falls due.</param>
/// <param name="WindowFrom">The first local date on which it can be done.</param>
/// <param name="WindowTo">The last local date of its period.</param>
/// <param name="RemindAt">The instants (UTC) at which reminders go out.</param>
/// <param name="Concerns">For duties owed per person managed: the supervisee.</param>
/// <param name="Provisional">True when the date came from a calendar marked provisional.</param>
public sealed record Occurrence(
    OccurrenceId Id,
    DutyId DutyId,
    PersonId PersonId,
    DateOnly Due,
    DateOnly WindowFrom,
    DateOnly WindowTo,
    IReadOnlyList<DateTimeOffset> RemindAt,
    PersonId? Concerns,
    bool Provisional);
