using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Core.Scheduling;

/// <summary>What the schedule engine needs to know about one person holding one role.</summary>
/// <param name="Since">The first day the person holds the role: nothing falls due before it.</param>
/// <param name="DirectReports">The people they manage, for duties owed once per person managed.</param>
/// <param name="Until">The last day they hold the role, when it is known to end.</param>
public sealed record RoleHolding(
    PersonId Person,
    RoleId Role,
    DateOnly Since,
    IReadOnlyList<PersonId> DirectReports,
    DateOnly? Until = null)
{
    /// <summary>
    /// The person's home area, for duties the council owes only in some services (<see cref="SchedulePolicy.AppliesIn"/>).
    /// Null (a preview of a role with nobody in it) owes every duty of the role.
    /// </summary>
    public AreaId? HomeArea { get; init; }

    /// <summary>
    /// What the schedule knows of each direct report (start date, supervision plan). A report not listed is supervised
    /// at the duty's own rhythm from the first period (a preview).
    /// </summary>
    public IReadOnlyDictionary<PersonId, Supervisee>? Supervisees { get; init; }
}
