using QaBot.Core.Calendar;
using QaBot.Core.Tracking;

namespace QaBot.Core.Organisation;

/// <summary>
/// A stretch of leave or absence, first to last day away, with the person covering for them, if any. While someone is
/// away their reminders pause, escalations meant for them go to their cover or the next manager up, and a named cover
/// takes on their duties ("covering for ..."); nothing about why they are away is kept.
/// </summary>
/// <param name="Cover">Who covers their role meanwhile (an acting-up arrangement), or null.</param>
/// <param name="RecordedBy">Who recorded it: the person, their manager, or the QA team or IT with the CLI.</param>
public sealed record Absence(PersonId Person, DateOnly From, DateOnly To, PersonId? Cover, Actor RecordedBy, DateTimeOffset RecordedAt)
{
    /// <summary>The longest stretch one record may cover; longer absences are recorded again.</summary>
    public const int MaxDays = 366;

    /// <summary>A person's absences never overlap, so the first day identifies one.</summary>
    public string Id => string.Concat(Person.Value, ".", From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    public bool IsOn(DateOnly day) => day >= From && day <= To;

    public bool Overlaps(DateOnly from, DateOnly to) => from <= To && to >= From;

    /// <summary>The first working day back: where items falling due while they are away move to.</summary>
    public DateOnly ReturnsOn(CouncilCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.WorkingDayOnOrAfter(To.AddDays(1));
    }
}
