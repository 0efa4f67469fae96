using System.Globalization;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;

namespace QaBot.Core.Scheduling;

/// <summary>Divides time into a rhythm's periods. Only periods that overlap the range asked for are produced.</summary>
internal static class PeriodPlanner
{
    public static IEnumerable<SchedulePeriod> Periods(Rhythm rhythm, YearBasis basis, CouncilCalendar calendar, DateOnly from, DateOnly to) =>
        rhythm switch
        {
            FixedRhythm { Cadence: FixedCadence.Monthly } => Months(from, to),
            FixedRhythm { Cadence: FixedCadence.TwiceMonthly } => HalfMonths(from, to),
            FixedRhythm { Cadence: FixedCadence.EveryTwoMonths } => YearBlocks(calendar, basis, 6, "b", from, to),
            FixedRhythm { Cadence: FixedCadence.Quarterly } => YearBlocks(calendar, basis, 4, "q", from, to),
            FixedRhythm { Cadence: FixedCadence.TwiceYearly } => YearBlocks(calendar, basis, 2, "h", from, to),
            FixedRhythm { Cadence: FixedCadence.Yearly } => YearBlocks(calendar, basis, 1, string.Empty, from, to),
            FixedRhythm { Cadence: FixedCadence.TimesPerYear, Count: var n } => Spread(calendar, basis, n, from, to),
            ProgrammeRhythm { Count: var n } => Spread(calendar, basis, n, from, to),
            SchoolRhythm { Cadence: SchoolCadence.HalfTermly } => HalfTerms(calendar, from, to),
            SchoolRhythm { Cadence: SchoolCadence.MonthlyInTermTime } => TermMonths(calendar, from, to),
            _ => [],
        };

    private static IEnumerable<SchedulePeriod> Months(DateOnly from, DateOnly to)
    {
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            yield return new(MonthKey(month), month, month.AddMonths(1).AddDays(-1), false, null, false);
        }
    }

    private static IEnumerable<SchedulePeriod> HalfMonths(DateOnly from, DateOnly to)
    {
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var key = MonthKey(month);
            var middle = new DateOnly(month.Year, month.Month, 15);
            var end = month.AddMonths(1).AddDays(-1);
            if (middle >= from)
            {
                yield return new(key + "a", month, middle, false, null, false);
            }

            if (middle.AddDays(1) <= to)
            {
                yield return new(key + "b", middle.AddDays(1), end, false, null, false);
            }
        }
    }

    private static IEnumerable<SchedulePeriod> YearBlocks(CouncilCalendar calendar, YearBasis basis, int perYear, string code, DateOnly from, DateOnly to)
    {
        var months = 12 / perYear;
        for (var year = calendar.YearOf(basis, from); year.Start <= to; year = calendar.YearStarting(basis, year.StartYear + 1))
        {
            var yearKey = YearKey(year);
            for (var i = 0; i < perYear; i++)
            {
                var start = year.Start.AddMonths(i * months);
                var end = start.AddMonths(months).AddDays(-1);
                if (end < from || start > to)
                {
                    continue;
                }

                var key = perYear == 1 ? yearKey : string.Create(CultureInfo.InvariantCulture, $"{yearKey}-{code}{i + 1}");
                yield return new(key, start, end, false, null, false);
            }
        }
    }

    /// <summary>N a year spread evenly: whole-month blocks when N divides twelve, otherwise equal runs of days.</summary>
    private static IEnumerable<SchedulePeriod> Spread(CouncilCalendar calendar, YearBasis basis, int perYear, DateOnly from, DateOnly to)
    {
        if (perYear <= 0)
        {
            yield break;
        }

        for (var year = calendar.YearOf(basis, from); year.Start <= to; year = calendar.YearStarting(basis, year.StartYear + 1))
        {
            var yearKey = YearKey(year);
            var days = year.End.DayNumber - year.Start.DayNumber + 1;
            var count = Math.Min(perYear, days);
            for (var i = 0; i < count; i++)
            {
                DateOnly start, end;
                if (12 % count == 0)
                {
                    start = year.Start.AddMonths(i * (12 / count));
                    end = start.AddMonths(12 / count).AddDays(-1);
                }
                else
                {
                    start = year.Start.AddDays((int)((long)i * days / count));
                    end = year.Start.AddDays((int)((long)(i + 1) * days / count) - 1);
                }

                if (end < from || start > to)
                {
                    continue;
                }

                yield return new(string.Create(CultureInfo.InvariantCulture, $"{yearKey}-p{i + 1}of{count}"), start, end, false, null, false);
            }
        }
    }

    private static IEnumerable<SchedulePeriod> HalfTerms(CouncilCalendar calendar, DateOnly from, DateOnly to)
    {
        for (var startYear = SchoolYear.StartYearOf(from); startYear <= SchoolYear.StartYearOf(to); startYear++)
        {
            var schoolYear = calendar.SchoolYearStarting(startYear);
            var yearKey = string.Create(CultureInfo.InvariantCulture, $"{startYear}-{(startYear + 1) % 100:00}");
            foreach (var halfTerm in schoolYear.HalfTerms)
            {
                if (halfTerm.Last < from || halfTerm.First > to)
                {
                    continue;
                }

                var key = string.Create(CultureInfo.InvariantCulture, $"{yearKey}-ht{halfTerm.Number}");
                yield return new(key, halfTerm.First, halfTerm.Last, true, halfTerm, halfTerm.Provisional);
            }
        }
    }

    private static IEnumerable<SchedulePeriod> TermMonths(CouncilCalendar calendar, DateOnly from, DateOnly to)
    {
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var schoolYear = calendar.SchoolYearOf(month);
            if (calendar.TermDaysIn(month.Year, month.Month) is { } termDays)
            {
                yield return new(MonthKey(month), termDays.First, termDays.Last, true, null, schoolYear.Provisional);
            }
        }
    }

    private static string MonthKey(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string YearKey(CouncilYear year) => year.Basis switch
    {
        YearBasis.Calendar => year.StartYear.ToString(CultureInfo.InvariantCulture),
        YearBasis.Financial => string.Create(CultureInfo.InvariantCulture, $"fy{year.StartYear}-{(year.StartYear + 1) % 100:00}"),
        YearBasis.Municipal => string.Create(CultureInfo.InvariantCulture, $"my{year.StartYear}-{(year.StartYear + 1) % 100:00}"),
        _ => throw new ArgumentOutOfRangeException(nameof(year), year.Basis, null),
    };
}
