using QaBot.Core.Framework;
using QaBot.Core.Calendar;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;

namespace QaBot.Core.Reminders;

/// <summary>
/// Who gets a digest in a run, as pure functions of what the run loaded. A run covers the instants (from, to]:
/// <list type="bullet">
/// <item>an item's owner, when one of its reminders (planned at the policy's local reminder time) falls in it;</item>
/// <item>for each local day whose reminder time falls in it: an item's owner on the day it becomes overdue, the
/// owner's escalation target on the day it passes the line-manager threshold, and the target's own target on the
/// day it passes the next-level threshold.</item>
/// </list>
/// Someone away on the day hears nothing: what would have gone to them goes to their cover, or, for a statutory item
/// with no cover, to their manager (<see cref="OrganisationChart.StandInFor"/>); escalations pass over them
/// (<see cref="OrganisationChart.EscalationTarget"/>). A run after downtime covers every day missed, so nothing is lost, and gives each person one digest, so nothing
/// is sent twice. Overdue and escalation days are working days, so nobody hears about them at weekends.
/// </summary>
public static class ReminderPlanner
{
    /// <summary>The local days whose reminder time lies in (from, to], or null when none does.</summary>
    public static (DateOnly First, DateOnly Last)? ReminderDays(CouncilCalendar calendar, TimeOnly reminderTime, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        DateOnly? first = null;
        DateOnly? last = null;
        for (var day = calendar.LocalDateOf(from); day <= calendar.LocalDateOf(to); day = day.AddDays(1))
        {
            var at = calendar.ToInstant(day, reminderTime);
            if (at > from && at <= to)
            {
                first ??= day;
                last = day;
            }
        }

        return first is { } f && last is { } l ? (f, l) : null;
    }

    /// <summary>Everyone who gets a digest, each once, in id order.</summary>
    /// <param name="reminders">Reminders planned in the run's stretch of time.</param>
    /// <param name="outstanding">Outstanding items overdue by the last reminder day (empty when <paramref name="days"/> is null).</param>
    public static IReadOnlyList<PersonId> Recipients(
        IEnumerable<ReminderDue> reminders,
        IEnumerable<TrackedItem> outstanding,
        OrganisationChart chart,
        EscalationLines lines,
        ScheduleRules rules,
        (DateOnly First, DateOnly Last)? days)
    {
        ArgumentNullException.ThrowIfNull(reminders);
        ArgumentNullException.ThrowIfNull(outstanding);
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(rules);
        var recipients = new HashSet<PersonId>();
        void AddHolder(PersonId owner, DutyId duty, DateOnly day)
        {
            if (chart.Absences.On(owner, day) is null)
            {
                recipients.Add(owner);
            }
            else if (chart.StandInFor(owner, day, rules.IsStatutory(duty)) is { } standIn)
            {
                recipients.Add(standIn.Id);
            }
        }

        foreach (var reminder in reminders)
        {
            AddHolder(reminder.Owner, reminder.Item.Id.Duty, rules.Calendar.LocalDateOf(reminder.RemindAt));
        }

        if (days is var (first, last))
        {
            bool In(DateOnly d) => d >= first && d <= last;
            foreach (var item in outstanding.Where(i => i.IsOutstanding))
            {
                var due = item.EffectiveDue;
                if (In(rules.OverdueFrom(due)))
                {
                    AddHolder(item.Owner, item.Duty, rules.OverdueFrom(due));
                }

                if (In(rules.EscalatesOn(due, EscalationLevel.LineManager)) && lines.TargetOf(item.Owner, 1) is { } manager)
                {
                    recipients.Add(manager);
                }

                if (In(rules.EscalatesOn(due, EscalationLevel.NextLevel)) && lines.TargetOf(item.Owner, 2) is { } above)
                {
                    recipients.Add(above);
                }
            }
        }

        return recipients
            .Where(p => chart.Find(p) is { Active: true })
            .OrderBy(p => p.Value, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Every active person's role holdings, for the schedule engine: the roles the directory gives them, and a role
    /// held by every manager (<see cref="Framework.Role.EveryManager"/>) for anyone with people reporting to them whose
    /// own roles do not already owe supervision for each of them. Each holding knows its reports' start dates and
    /// supervision plans as of <paramref name="on"/>.
    /// </summary>
    public static IEnumerable<RoleHolding> Holdings(OrganisationChart chart, ScheduleEngine engine, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(engine);
        var roles = engine.Catalogue.Roles.ToDictionary(r => r.Id);
        var perReport = roles.Values.Where(r => r.Duties.Any(d => d.PerReport) && !r.EveryManager).Select(r => r.Id).ToHashSet();
        var supervision = engine.Policy.Supervision;
        var everyManager = roles.Values.Where(r => r.EveryManager).Select(r => r.Id).ToList();
        foreach (var person in chart.ActivePeople.OrderBy(p => p.Id.Value, StringComparer.Ordinal))
        {
            var managed = chart.ReportsOf(person.Id).OrderBy(p => p.Id.Value, StringComparer.Ordinal).ToList();
            var reports = managed.Select(p => p.Id).ToList();
            var supervisees = managed.Count == 0 ? null : managed.ToDictionary(p => p.Id, p => supervision.SuperviseeOf(p, on));
            var held = person.Roles.Where(r => roles.ContainsKey(r.Role) && !everyManager.Contains(r.Role) && (r.End is null || r.End > r.Start)).ToList();
            foreach (var role in held)
            {
                // A role assignment's end is the first day it is no longer held; a holding's is the last day it is.
                yield return new RoleHolding(person.Id, role.Role, role.Start, reports, role.End?.AddDays(-1)) { HomeArea = person.HomeArea, Supervisees = supervisees };
            }

            if (supervision.EveryManager && managed.Count > 0 && ManagerSince(person, held.Where(r => perReport.Contains(r.Role))) is { } since)
            {
                foreach (var role in everyManager)
                {
                    yield return new RoleHolding(person.Id, role, since, reports) { HomeArea = person.HomeArea, Supervisees = supervisees };
                }
            }
        }
    }

    /// <summary>
    /// Teams whose manager has left and whose post is vacant: people still reporting to someone the directory marks as
    /// left. The departed manager's supervision of each of them (the every-manager role's duties, per person managed,
    /// from the first of the month after they left) is held by the manager above by the line (<see cref="OrganisationChart.LineTarget"/>, leave aside)
    /// until a new or acting manager is named in the directory. Each holding is in the departed manager's name, so the
    /// items keep the post's ids; the items go to the stand-in, flagged as from the departed manager. Each holding runs
    /// from the day they left; the caller keeps what falls due after the departed manager's own items stopped (those were
    /// created a horizon ahead up to the day before they left, and went to their line manager with their open items).
    /// </summary>
    public static IEnumerable<(RoleHolding Holding, Person StandIn)> VacantPosts(OrganisationChart chart, ScheduleEngine engine, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(engine);
        var supervision = engine.Policy.Supervision;
        if (!supervision.EveryManager)
        {
            yield break;
        }

        var roles = engine.Catalogue.Roles.Where(r => r.EveryManager).Select(r => r.Id).ToList();
        var teams = chart.ActivePeople
            .Where(p => p.LineManager is { } m && m != p.Id && chart.Find(m) is { Active: false })
            .GroupBy(p => p.LineManager!.Value)
            .OrderBy(g => g.Key.Value, StringComparer.Ordinal);
        foreach (var team in teams)
        {
            var departed = chart.Find(team.Key)!;
            // Owned by the manager above whether or not they are away, so the items never change hands or partition with
            // someone's leave; while they are away, the digest shows them to their cover.
            if (chart.LineTarget(departed.Id, on) is not { } standIn)
            {
                continue;
            }

            if (departed.LeftOn is not { } since)
            {
                continue;
            }

            var managed = team.OrderBy(p => p.Id.Value, StringComparer.Ordinal).ToList();
            var supervisees = managed.ToDictionary(p => p.Id, p => supervision.SuperviseeOf(p, on));
            foreach (var role in roles)
            {
                yield return (new RoleHolding(departed.Id, role, since, managed.Select(p => p.Id).ToList()) { HomeArea = departed.HomeArea, Supervisees = supervisees }, standIn);
            }
        }
    }

    /// <summary>
    /// From when someone with reports owes the every-manager role: their start date, or the day their last role owing
    /// supervision per person managed ended; null while such a role is held.
    /// </summary>
    private static DateOnly? ManagerSince(Person person, IEnumerable<RoleAssignment> perReportRoles)
    {
        var since = person.StartDate;
        foreach (var role in perReportRoles)
        {
            if (role.End is not { } end)
            {
                return null;
            }

            since = end > since ? end : since;
        }

        return since;
    }
}
