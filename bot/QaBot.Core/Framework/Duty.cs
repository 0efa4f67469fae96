namespace QaBot.Core.Framework;

/// <summary>One task line of the framework's responsibilities table, with one rhythm.</summary>
/// <param name="Task">The task wording as the framework writes it.</param>
/// <param name="Frequency">The frequency exactly as the framework writes it.</param>
/// <param name="PerReport">True where the duty is owed once per person managed (supervision, My Plan/PDR).</param>
/// <param name="MetBy">Duties of other roles whose records also meet this one (a supervisee's own supervision duty).</param>
public sealed record Duty(
    DutyId Id,
    RoleId RoleId,
    string Task,
    string Purpose,
    string Frequency,
    Rhythm Rhythm,
    bool PerReport,
    SourceRow SourceRow,
    IReadOnlyList<DutyId> MetBy)
{
    /// <summary>
    /// Where one frequency holds two rhythms ("Monthly supervision, bi-annual My Plan/PDR"), the part of it this
    /// duty's rhythm is read from; null when the rhythm is read from the whole <see cref="Frequency"/>.
    /// </summary>
    public string? FrequencyPart { get; init; }

    /// <summary>How an ambiguous frequency was read (a setting or a documented reading), in plain English; null when the words are plain.</summary>
    public string? Interpretation { get; init; }

    /// <summary>Set when the duty is a meeting the role chairs or attends.</summary>
    public MeetingPart? Meeting { get; init; }

    /// <summary>The Appendix A body whose meetings this duty is, when there is one.</summary>
    public BodyId? Body { get; init; }

    /// <summary>The <c>scheduledFrom</c> word for a duty due on the calendar its rhythm gives (the default).</summary>
    public const string CalendarSource = "calendar";

    /// <summary>The <c>scheduledFrom</c> word for a duty owed after each practice learning day held.</summary>
    public const string LearningDaysHeldSource = "practice-learning-days";

    /// <summary>The <c>scheduledFrom</c> word for a duty whose visits or meetings each holder plans for the year.</summary>
    public const string ProgrammeSource = "programme";

    /// <summary>Where the duty's items come from: the calendar (the default), learning days held, or each holder's programme.</summary>
    public DutySource ScheduledFrom { get; init; }

    /// <summary>
    /// Owed once after each practice learning day recorded as held (<c>scheduledFrom: practice-learning-days</c>), not on
    /// the calendar: the schedule makes none of its items, and its rhythm is the number a year the framework expects.
    /// </summary>
    public bool FollowsLearningDays => ScheduledFrom == DutySource.LearningDaysHeld;

    /// <summary>
    /// An "annual programme of visits" or "of meetings" (<c>scheduledFrom: programme</c>): each holder plans the year's
    /// visits or meetings, each entry reminded in its month; the rhythm's number a year is the programme's target.
    /// </summary>
    public bool FollowsProgramme => ScheduledFrom == DutySource.Programme;

    /// <summary>The <c>scheduledFrom</c> word for <paramref name="source"/>.</summary>
    public static string SourceWord(DutySource source) => source switch
    {
        DutySource.LearningDaysHeld => LearningDaysHeldSource,
        DutySource.Programme => ProgrammeSource,
        _ => CalendarSource,
    };

    /// <summary>A note from the catalogue's editors.</summary>
    public string? Note { get; init; }

    /// <summary>No set rhythm ("as required", "ongoing"): never reminded, but logged when done.</summary>
    public bool IsLoggedNotReminded => Rhythm.Kind == RhythmKind.None;

    /// <summary>Follows a statutory timescale from case events: its due dates are deadlines that never move.</summary>
    public bool IsStatutory => Rhythm is StatutoryRhythm;
}

/// <summary>Where a duty's items come from (<c>scheduledFrom</c> in the catalogue).</summary>
public enum DutySource
{
    /// <summary>The calendar its rhythm gives.</summary>
    Calendar,

    /// <summary>One after each practice learning day recorded as held.</summary>
    LearningDaysHeld,

    /// <summary>The visits or meetings each holder plans for the year.</summary>
    Programme,
}
