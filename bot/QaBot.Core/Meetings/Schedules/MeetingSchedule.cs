using QaBot.Core.Framework;

namespace QaBot.Core.Meetings.Schedules;

/// <summary>
/// One entry of the meetings file: a body of Appendix A, or a duty that is a meeting a role chairs, with when it meets
/// and whom it invites. See docs/boards.md.
/// </summary>
/// <param name="Id">The schedule's id: the body's id for a body; the entry's own id for a duty's meetings. Calendar records are kept under it.</param>
/// <param name="Name">The body's name, or the duty's task, for people reading a plan.</param>
/// <param name="Subject">The calendar subject; <c>{area}</c> stands for the area's name in per-area meetings.</param>
/// <param name="Days">One day for every cadence but twice a month, which has two.</param>
/// <param name="Until">The last date meetings may fall on, or null for no end.</param>
/// <param name="Organiser">The organiser mailbox, or null for the file's default (then the first of Graph:OrganiserMailboxes).</param>
/// <param name="Chair">The role that chairs it: the framework's, or the entry's own where the framework states none.</param>
public sealed record MeetingSchedule(
    BodyId Id,
    BodyId? Body,
    DutyId? Duty,
    string Name,
    string Subject,
    MeetingCadence Cadence,
    IReadOnlyList<MeetingDay> Days,
    DateOnly From,
    DateOnly? Until,
    TimeOnly Time,
    TimeSpan Duration,
    string? Organiser,
    RoleId? Chair,
    IReadOnlyList<AttendeeRule> Attendees,
    EachAreaRule? EachArea,
    int Line,
    string Path)
{
    /// <summary>Text for the invitation's body, after QaBot's own explanation (e.g. the purpose from the framework).</summary>
    public string? Description { get; init; }

    public bool IsSeries => Cadence != MeetingCadence.HalfTermly;
}
