using QaBot.Core.Calendar;
using QaBot.Core.Framework;

namespace QaBot.Core.Scheduling;

/// <summary>
/// Keeps one person's due dates from piling up. Left alone, every duty falls due at the end of its period, so a role
/// with eleven yearly duties has eleven items due on the last working day of December. For each role, in the
/// catalogue's order with the most frequent first, a duty whose period spans whole months stays at the end of its
/// period while that day holds fewer than <see cref="SchedulePolicy.MostDueOnOneDay"/> of the role's items (monthly
/// duties, which stay at each month's end, count); otherwise it goes to the end of the latest earlier month of its
/// period with room, then to the 15th of a month, and where nothing has room, to the least crowded of those days.
/// The same catalogue and settings always give the same placement. Duties with a <c>Due</c> setting keep it.
/// </summary>
public static class DuePlacement
{
    /// <summary>The day of the month a duty moved off a crowded month's end falls due on (or the working day before).</summary>
    public const int MidMonthDay = 15;

    private const int End = 0;
    private const int Mid = 1;

    /// <summary>Where each movable duty of each role falls due; a duty not listed stays at the end of its period.</summary>
    public static IReadOnlyDictionary<DutyId, DueRule> Place(IEnumerable<IReadOnlyList<Duty>> roles, SchedulePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(policy);
        var placed = new Dictionary<DutyId, DueRule>();
        if (policy.MostDueOnOneDay <= 0)
        {
            return placed;
        }

        foreach (var duties in roles)
        {
            PlaceRole(duties, policy, placed);
        }

        return placed;
    }

    private static void PlaceRole(IReadOnlyList<Duty> duties, SchedulePolicy policy, Dictionary<DutyId, DueRule> placed)
    {
        // load[month of the calendar year 0-11, End or Mid]: the role's items due that day.
        var load = new int[12, 2];
        var movable = new List<(Duty Duty, int Months, int FirstMonth)>();
        foreach (var duty in duties)
        {
            var schedule = policy.For(duty.Id);
            var months = MonthsPerPeriod(duty.Rhythm);
            var firstMonth = FirstMonth(schedule.Year);
            var given = policy.DueGivenFor(duty.Id);
            if (months == 1 || (months > 1 && given is not null))
            {
                // Monthly duties, and duties the council placed, stay where they are and take their room.
                var due = given ?? schedule.Due;
                if (due == DueRule.LastWorkingDay)
                {
                    Occupy(load, firstMonth, months, months, End);
                }
                else if (due is { Kind: DueRuleKind.MonthOfPeriod, Day: 0 or MidMonthDay } && months > 1)
                {
                    Occupy(load, firstMonth, months, Math.Min(due.Value, months), due.Day == 0 ? End : Mid);
                }

                continue;
            }

            if (months > 1)
            {
                movable.Add((duty, months, firstMonth));
            }
        }

        foreach (var (duty, months, firstMonth) in movable.OrderBy(m => m.Months))
        {
            var (month, anchor) = Choose(load, months, firstMonth, policy.MostDueOnOneDay);
            Occupy(load, firstMonth, months, month, anchor);
            if (month != months || anchor != End)
            {
                placed[duty.Id] = new DueRule(DueRuleKind.MonthOfPeriod, month, anchor == Mid ? MidMonthDay : 0);
            }
        }
    }

    /// <summary>The first place, in order of preference, where the day stays within the limit; else the least crowded.</summary>
    private static (int Month, int Anchor) Choose(int[,] load, int months, int firstMonth, int limit)
    {
        (int Month, int Anchor) best = (months, End);
        var bestPeak = int.MaxValue;
        foreach (var anchor in new[] { End, Mid })
        {
            for (var month = months; month >= 1; month--)
            {
                var peak = Peak(load, firstMonth, months, month, anchor) + 1;
                if (peak <= limit)
                {
                    return (month, anchor);
                }

                if (peak < bestPeak)
                {
                    (best, bestPeak) = ((month, anchor), peak);
                }
            }
        }

        return best;
    }

    private static int Peak(int[,] load, int firstMonth, int months, int month, int anchor)
    {
        var peak = 0;
        foreach (var m in MonthsOfYear(firstMonth, months, month))
        {
            peak = Math.Max(peak, load[m, anchor]);
        }

        return peak;
    }

    private static void Occupy(int[,] load, int firstMonth, int months, int month, int anchor)
    {
        foreach (var m in MonthsOfYear(firstMonth, months, month))
        {
            load[m, anchor]++;
        }
    }

    /// <summary>The calendar months (0-11) holding the <paramref name="month"/>th month of each period in a year.</summary>
    private static IEnumerable<int> MonthsOfYear(int firstMonth, int months, int month)
    {
        for (var start = 0; start < 12; start += months)
        {
            yield return (firstMonth + start + month - 1) % 12;
        }
    }

    /// <summary>Months in each period for rhythms of whole-month periods that divide the year; 0 for any other.</summary>
    private static int MonthsPerPeriod(Rhythm rhythm) => rhythm switch
    {
        FixedRhythm { Cadence: FixedCadence.Monthly } => 1,
        FixedRhythm { Cadence: FixedCadence.EveryTwoMonths } => 2,
        FixedRhythm { Cadence: FixedCadence.Quarterly } => 3,
        FixedRhythm { Cadence: FixedCadence.TwiceYearly } => 6,
        FixedRhythm { Cadence: FixedCadence.Yearly } => 12,
        FixedRhythm { Cadence: FixedCadence.TimesPerYear, Count: var n } when n is > 0 and <= 12 && 12 % n == 0 => 12 / n,
        ProgrammeRhythm { Count: var n } when n is > 0 and <= 12 && 12 % n == 0 => 12 / n,
        _ => 0,
    };

    /// <summary>The calendar month (0-11) a year of this basis starts in: January, April (financial) or May (municipal).</summary>
    private static int FirstMonth(YearBasis basis) => basis switch
    {
        YearBasis.Financial => 3,
        YearBasis.Municipal => 4,
        _ => 0,
    };
}
