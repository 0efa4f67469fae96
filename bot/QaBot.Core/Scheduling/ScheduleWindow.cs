using System.Collections.Concurrent;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Core.Scheduling;

/// <summary>
/// The engine's view of one window of local dates (both ends included): occurrences are selected by due date.
/// Each duty's periods and dates are worked out on first use and shared by everyone who holds the duty.
/// </summary>
public sealed class ScheduleWindow
{
    private readonly ScheduleEngine _engine;
    private readonly ConcurrentDictionary<DutyId, DutySlot[]> _slots = new();

    internal ScheduleWindow(ScheduleEngine engine, DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException($"The window ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        _engine = engine;
        From = from;
        To = to;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public IReadOnlyList<Occurrence> OccurrencesFor(RoleHolding holding)
    {
        var list = new List<Occurrence>();
        AddOccurrences(holding, list);
        list.Sort(static (a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : string.CompareOrdinal(a.Id.Value, b.Id.Value));
        return list;
    }

    /// <summary>Adds one person's occurrences in this window to <paramref name="into"/>, duty by duty.</summary>
    public void AddOccurrences(RoleHolding holding, ICollection<Occurrence> into)
    {
        ArgumentNullException.ThrowIfNull(holding);
        ArgumentNullException.ThrowIfNull(into);
        CheckPerson(holding.Person, nameof(holding));
        for (var i = 0; i < holding.DirectReports.Count; i++)
        {
            CheckPerson(holding.DirectReports[i], nameof(holding));
            for (var j = 0; j < i; j++)
            {
                if (holding.DirectReports[j] == holding.DirectReports[i])
                {
                    throw new ArgumentException($"Direct report {holding.DirectReports[i]} is listed twice for {holding.Person}.", nameof(holding));
                }
            }
        }

        if (holding.Until is { } until && until < holding.Since)
        {
            throw new ArgumentException($"The role holding ends ({until:yyyy-MM-dd}) before it starts ({holding.Since:yyyy-MM-dd}).", nameof(holding));
        }

        foreach (var duty in _engine.ScheduledDuties(holding.Role))
        {
            if (holding.HomeArea is { } area && !_engine.Policy.AppliesIn(duty.Id, area))
            {
                continue;
            }

            var slots = SlotsFor(duty);
            if (duty.PerReport)
            {
                foreach (var report in holding.DirectReports)
                {
                    if (holding.Supervisees is { } supervisees && supervisees.TryGetValue(report, out var supervisee))
                    {
                        AddForSupervisee(duty, slots, holding, report, supervisee, into);
                    }
                    else
                    {
                        AddSlots(duty, slots, holding, report, into);
                    }
                }
            }
            else
            {
                AddSlots(duty, slots, holding, null, into);
            }
        }
    }

    /// <summary>
    /// A per-person-managed duty for someone whose start date is known: nothing falls due before their first
    /// supervision (<see cref="SupervisionPolicy"/>); a supervision duty adds that first supervision and the
    /// supervisee's plan, then returns to the duty's own periods from the first one due at least
    /// <see cref="RegularGapDays"/> days after the plan's last date.
    /// </summary>
    private void AddForSupervisee(Duty duty, DutySlot[] slots, RoleHolding holding, PersonId report, Supervisee supervisee, ICollection<Occurrence> into)
    {
        var calendar = _engine.Calendar;
        // Long before the window the exact working day cannot matter (and the calendar may not hold that year).
        var first = supervisee.Started < From.AddDays(-FarBeforeDays)
            ? supervisee.Started
            : calendar.AddWorkingDays(supervisee.Started, supervisee.FirstWithinWorkingDays);
        if (!SupervisionPolicy.IsSupervision(duty))
        {
            AddSlots(duty, slots, holding, report, into, after: first);
            return;
        }

        var own = new List<DutySlot>();
        var last = first;
        if (first >= From && first <= To)
        {
            own.Add(IndividualSlot(duty, SupervisionPolicy.FirstKeyPrefix + Key(supervisee.Started), first, supervisee.Started));
        }

        var cursor = supervisee.Started;
        var openEnded = false;
        foreach (var stage in supervisee.Plan?.Stages ?? [])
        {
            var every = 7 * stage.EveryWeeks;
            var end = stage.EndsFrom(supervisee.Started);
            openEnded = end is null;
            var stop = end ?? To;
            var count = (stop.DayNumber - cursor.DayNumber) / every;
            if (count < 1)
            {
                continue;
            }

            // Only the dates near the window are worked out; the last one is needed to know when the plan ends.
            var skip = Math.Max(0, ((From.DayNumber - cursor.DayNumber) / every) - 2);
            for (var k = Math.Max(1, skip); k <= count; k++)
            {
                var nominal = cursor.AddDays(k * every);
                var due = WorkingDayFor(nominal);
                if (due > first && due >= From && due <= To)
                {
                    var opens = due.AddDays(1 - every);
                    own.Add(IndividualSlot(duty, SupervisionPolicy.PlanKeyPrefix + Key(nominal), due, opens));
                }
            }

            cursor = cursor.AddDays(count * every);
            var lastDue = cursor < From.AddDays(-FarBeforeDays) ? cursor : WorkingDayFor(cursor);
            last = lastDue > last ? lastDue : last;
        }

        AddSlots(duty, [.. own], holding, report, into);
        if (!openEnded)
        {
            AddSlots(duty, slots, holding, report, into, after: last.AddDays(RegularGapDays - 1));
        }
    }

    /// <summary>Further before the window than a first supervision can be set (60 working days) and a plan's gap.</summary>
    private const int FarBeforeDays = 120;

    /// <summary>How far after a supervision plan's last date (or a first supervision) the duty's own periods take over.</summary>
    public const int RegularGapDays = 14;

    private static string Key(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A date moved off a weekend or bank holiday as the policy says (<see cref="SchedulePolicy.DueDateOnNonWorkingDay"/>).</summary>
    private DateOnly WorkingDayFor(DateOnly day) =>
        _engine.Policy.DueDateOnNonWorkingDay == NonWorkingDayRule.PreviousWorkingDay
            ? _engine.Calendar.WorkingDayOnOrBefore(day)
            : _engine.Calendar.WorkingDayOnOrAfter(day);

    private DutySlot IndividualSlot(Duty duty, string key, DateOnly due, DateOnly opens)
    {
        var reminders = _engine.Rules.Reminders(due, duty.Id).Where(r => r.Day >= opens).ToArray();
        return new DutySlot(
            key,
            due,
            opens < due ? opens : due,
            due,
            reminders.Select(r => r.Day).ToArray(),
            Array.AsReadOnly(reminders.Select(r => r.At).ToArray()),
            _engine.Calendar.AddWorkingDays(due, -_engine.Policy.NewAssignmentNoticeWorkingDays),
            _engine.Calendar.IsBankHolidayYearProvisional(due));
    }

    private static void AddSlots(Duty duty, DutySlot[] slots, RoleHolding holding, PersonId? concerns, ICollection<Occurrence> into, DateOnly? after = null)
    {
        foreach (var slot in slots)
        {
            if (slot.LatestStart < holding.Since || (holding.Until is { } until && slot.Due > until) || (after is { } cutoff && slot.Due <= cutoff))
            {
                continue;
            }

            var windowFrom = slot.WindowFrom < holding.Since ? holding.Since : slot.WindowFrom;
            var remindAt = slot.ReminderDates.Length == 0 || slot.ReminderDates[0] >= holding.Since ? slot.RemindAt : RemindersFrom(slot, holding.Since);
            into.Add(new Occurrence(
                OccurrenceId.For(duty.Id, slot.PeriodKey, holding.Person, concerns),
                duty.Id,
                holding.Person,
                slot.Due,
                windowFrom,
                slot.WindowTo,
                remindAt,
                concerns,
                slot.Provisional));
        }
    }

    private static DateTimeOffset[] RemindersFrom(DutySlot slot, DateOnly since)
    {
        var kept = new List<DateTimeOffset>(slot.RemindAt.Count);
        for (var i = 0; i < slot.ReminderDates.Length; i++)
        {
            if (slot.ReminderDates[i] >= since)
            {
                kept.Add(slot.RemindAt[i]);
            }
        }

        return [.. kept];
    }

    private static void CheckPerson(PersonId person, string parameter)
    {
        if (!OccurrenceId.IsSafePart(person.Value))
        {
            throw new ArgumentException($"'{person.Value}' is not a person id (an Entra object id).", parameter);
        }
    }

    internal DutySlot[] SlotsFor(Duty duty) => _slots.GetOrAdd(duty.Id, _ => BuildSlots(duty));

    private DutySlot[] BuildSlots(Duty duty)
    {
        var calendar = _engine.Calendar;
        var policy = _engine.Policy;
        var schedule = policy.For(duty.Id);
        var rule = _engine.DueRuleOf(duty);
        var (before, after) = Slack(rule);
        var slots = new List<DutySlot>();
        foreach (var period in PeriodPlanner.Periods(duty.Rhythm, schedule.Year, calendar, From.AddDays(-before), To.AddDays(after)))
        {
            if (!CanFallDueInWindow(period, rule))
            {
                continue;
            }

            var due = DueDate(period, rule);
            if (due < From || due > To)
            {
                continue;
            }

            var reminders = _engine.Rules.Reminders(due, duty.Id);
            var dates = reminders.Select(r => r.Day).ToArray();
            var instants = reminders.Select(r => r.At).ToArray();

            slots.Add(new DutySlot(
                period.Key,
                due,
                period.Start < due ? period.Start : due,
                period.End > due ? period.End : due,
                dates,
                Array.AsReadOnly(instants),
                calendar.AddWorkingDays(due, -policy.NewAssignmentNoticeWorkingDays),
                period.Provisional || calendar.IsBankHolidayYearProvisional(due)));
        }

        return [.. slots];
    }

    /// <summary>
    /// How far outside the window a period may lie and still fall due inside it: only rules that can move a due date
    /// out of its own period need to look at neighbouring periods.
    /// </summary>
    private static (int Before, int After) Slack(DueRule rule) => rule.Kind switch
    {
        DueRuleKind.WorkingDaysAfterPeriod => (MaxDaysAfter(rule), 0),
        DueRuleKind.DayOfPeriod or DueRuleKind.MonthOfPeriod => (NonWorkingRun, NonWorkingRun),
        _ => (0, 0),
    };

    /// <summary>The longest run of days a rule can move a date to reach a working day (Christmas and a weekend, with room to spare).</summary>
    private const int NonWorkingRun = 14;

    private static int MaxDaysAfter(DueRule rule) => (rule.Value * 2) + NonWorkingRun;

    /// <summary>
    /// Cheap bounds on where a period's due date can land, so that periods that only touch the window's edge are not
    /// worked out (and do not ask the calendar for years far outside the window).
    /// </summary>
    private bool CanFallDueInWindow(SchedulePeriod period, DueRule rule)
    {
        var (earliest, latest) = rule.Kind switch
        {
            DueRuleKind.LastWorkingDay => (period.End.AddDays(-NonWorkingRun), period.End),
            DueRuleKind.FirstWorkingDay => (period.Start, period.Start.AddDays(NonWorkingRun)),
            DueRuleKind.DayOfPeriod => DayOfPeriodBounds(period, rule),
            DueRuleKind.MonthOfPeriod => (period.Start.AddDays(-NonWorkingRun), period.End.AddDays(NonWorkingRun)),
            DueRuleKind.WorkingDaysAfterPeriod => (period.End.AddDays(rule.Value), period.End.AddDays(MaxDaysAfter(rule))),
            _ => (DateOnly.MinValue, DateOnly.MaxValue),
        };
        return latest >= From && earliest <= To;
    }

    /// <summary>The Mth month of a period counted from its start (its last month when the period is shorter), cut to the period.</summary>
    private static (DateOnly Start, DateOnly End) MonthOf(SchedulePeriod period, int month)
    {
        var start = period.Start;
        for (var m = 1; m < month && start.AddMonths(1) <= period.End; m++)
        {
            start = start.AddMonths(1);
        }

        var end = start.AddMonths(1).AddDays(-1);
        return (start, end > period.End ? period.End : end);
    }

    private static (DateOnly, DateOnly) DayOfPeriodBounds(SchedulePeriod period, DueRule rule)
    {
        var day = period.Start.AddDays(Math.Min(rule.Value - 1, period.End.DayNumber - period.Start.DayNumber));
        return (day.AddDays(-NonWorkingRun), day.AddDays(NonWorkingRun));
    }

    private DateOnly DueDate(SchedulePeriod period, DueRule rule)
    {
        var calendar = _engine.Calendar;
        switch (rule.Kind)
        {
            case DueRuleKind.LastWorkingDay when period.HalfTerm is { } halfTerm:
                return calendar.LastTermDayOnOrBefore(halfTerm, halfTerm.Last) ?? calendar.WorkingDayOnOrBefore(period.End);
            case DueRuleKind.LastWorkingDay:
                return calendar.WorkingDayOnOrBefore(period.End);
            case DueRuleKind.FirstWorkingDay when period.TermTime:
                var first = calendar.WorkingDayOnOrAfter(period.Start);
                while (first < period.End && !calendar.IsTermDay(first))
                {
                    first = calendar.WorkingDayOnOrAfter(first.AddDays(1));
                }

                return first;
            case DueRuleKind.FirstWorkingDay:
                return calendar.WorkingDayOnOrAfter(period.Start);
            case DueRuleKind.DayOfPeriod:
                var day = period.Start.AddDays(rule.Value - 1);
                if (day > period.End)
                {
                    day = period.End;
                }

                return WorkingDayFor(day);
            case DueRuleKind.WorkingDaysAfterPeriod:
                return calendar.AddWorkingDays(period.End, rule.Value);
            case DueRuleKind.MonthOfPeriod:
                var (monthStart, monthEnd) = MonthOf(period, rule.Value);
                if (rule.Day == 0)
                {
                    return calendar.WorkingDayOnOrBefore(monthEnd);
                }

                var onDay = monthStart.AddDays(rule.Day - 1);
                onDay = onDay > monthEnd ? monthEnd : onDay;
                return WorkingDayFor(onDay);
            default:
                throw new InvalidOperationException($"Unknown due rule {rule}.");
        }
    }
}
