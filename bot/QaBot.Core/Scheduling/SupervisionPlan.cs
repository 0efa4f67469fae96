using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Core.Scheduling;

/// <summary>
/// How often someone is supervised when it is not the supervision duty's own rhythm: a newly qualified social worker
/// in their assessed first year (ASYE) weekly for six weeks, then fortnightly to six months, then monthly. Chosen by
/// the supervisee's job title or role; the first plan that matches wins.
/// </summary>
/// <param name="Name">What the council calls it ("ASYE"), shown beside the items.</param>
/// <param name="JobTitles">Words any of which in the supervisee's job title chooses the plan (case is ignored).</param>
/// <param name="Roles">Framework roles any of which the supervisee holds chooses the plan.</param>
/// <param name="Stages">The rhythms from the start date, in order; after the last one with an end, the duty's own rhythm.</param>
/// <param name="FirstWithinWorkingDays">When the first supervision falls due, in working days after the start date; null for the policy's.</param>
public sealed record SupervisionPlan(
    string Name,
    IReadOnlyList<string> JobTitles,
    IReadOnlyList<RoleId> Roles,
    IReadOnlyList<SupervisionStage> Stages,
    int? FirstWithinWorkingDays = null)
{
    /// <summary>The plan shipped as an example: ASYE weekly for six weeks, fortnightly to six months, then monthly.</summary>
    public static SupervisionPlan Asye { get; } = new(
        "ASYE",
        ["ASYE", "Newly qualified"],
        [],
        [new SupervisionStage(1, Weeks: 6), new SupervisionStage(2, Months: 6)],
        FirstWithinWorkingDays: 5);

    public bool Matches(Person person, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(person);
        return JobTitles.Any(t => person.JobTitle.Contains(t, StringComparison.OrdinalIgnoreCase))
            || Roles.Any(r => person.HoldsRole(r, on));
    }
}

/// <summary>One stretch of a supervision plan: every so many weeks, until so many weeks or months after the start date (open-ended when neither is given).</summary>
public sealed record SupervisionStage(int EveryWeeks, int? Weeks = null, int? Months = null)
{
    /// <summary>The last date the stage covers, counted from the start date; null when it runs on.</summary>
    public DateOnly? EndsFrom(DateOnly start) =>
        Weeks is { } weeks ? start.AddDays(7 * weeks) : Months is { } months ? start.AddMonths(months) : null;
}

/// <summary>
/// The supervision rules of the <c>Schedule:Supervision</c> section: when a new starter's first supervision falls due,
/// and the plans that give some people another rhythm. Supervision duties are the per-person-managed duties whose ids
/// end in <c>-supervision</c>; nothing owed per person managed falls due for a new starter before their first supervision.
/// </summary>
public sealed record SupervisionPolicy(int FirstWithinWorkingDays, IReadOnlyList<SupervisionPlan> Plans)
{
    /// <summary>
    /// Whether everyone with people reporting to them holds the framework's every-manager role (true by default);
    /// false tracks supervision only where the directory gives a role that owes it (a council starting with team managers).
    /// </summary>
    public bool EveryManager { get; init; } = true;

    public const string DutySuffix = "-supervision";

    public static SupervisionPolicy Default { get; } = new(10, [SupervisionPlan.Asye]);

    public static bool IsSupervision(Duty duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        return duty.PerReport && duty.Id.Value.EndsWith(DutySuffix, StringComparison.Ordinal);
    }

    /// <summary>The period key of a new starter's first supervision, e.g. <c>first-2026-11-02</c> (their start date).</summary>
    public const string FirstKeyPrefix = "first-";

    /// <summary>The period key of a plan's supervision, e.g. <c>wk-2026-11-16</c> (its date before any move off a holiday).</summary>
    public const string PlanKeyPrefix = "wk-";

    /// <summary>
    /// How an item of a supervision duty reads when it is not one of the duty's own periods: "First supervision" or
    /// "Supervision" (a plan's weekly or fortnightly one); null for the duty's own wording.
    /// </summary>
    public static string? TitleOf(OccurrenceId item)
    {
        var parts = item.Value.Split(OccurrenceId.Separator);
        if (parts.Length < 2 || !parts[0].EndsWith(DutySuffix, StringComparison.Ordinal))
        {
            return null;
        }

        return parts[1].StartsWith(FirstKeyPrefix, StringComparison.Ordinal) ? "First supervision"
            : parts[1].StartsWith(PlanKeyPrefix, StringComparison.Ordinal) ? "Supervision"
            : null;
    }

    /// <summary>The plan for <paramref name="person"/> on <paramref name="on"/>, or null for the duty's own rhythm.</summary>
    public SupervisionPlan? PlanFor(Person person, DateOnly on) => Plans.FirstOrDefault(p => p.Matches(person, on));

    /// <summary>What the schedule needs to know about one supervisee.</summary>
    public Supervisee SuperviseeOf(Person person, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(person);
        var plan = PlanFor(person, on);
        return new Supervisee(person.StartDate, plan, plan?.FirstWithinWorkingDays ?? FirstWithinWorkingDays);
    }
}

/// <summary>A person managed, as the schedule sees them: when they started and the plan they are supervised on (null for the duty's rhythm).</summary>
public sealed record Supervisee(DateOnly Started, SupervisionPlan? Plan, int FirstWithinWorkingDays);
