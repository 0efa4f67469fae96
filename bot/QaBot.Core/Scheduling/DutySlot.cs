namespace QaBot.Core.Scheduling;

/// <summary>
/// One period of one duty with its dates worked out: the same for everyone who holds the duty, so a window works it
/// out once and shares it across people (including the reminder list, which is read-only).
/// </summary>
/// <param name="LatestStart">The last assignment start date for which the occurrence is still owed (the notice rule).</param>
internal sealed record DutySlot(
    string PeriodKey,
    DateOnly Due,
    DateOnly WindowFrom,
    DateOnly WindowTo,
    DateOnly[] ReminderDates,
    IReadOnlyList<DateTimeOffset> RemindAt,
    DateOnly LatestStart,
    bool Provisional);
