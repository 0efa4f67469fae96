using System.Globalization;

namespace QaBot.Core.Calendar;

/// <summary>Tells operators, ahead of time, when the calendar data runs out or provisional data comes into use.</summary>
public static class CalendarCoverage
{
    /// <summary>How far ahead the check looks by default.</summary>
    public const int DefaultHorizonMonths = 6;

    public static IReadOnlyList<CalendarWarning> Check(CouncilCalendar calendar, DateOnly today, int horizonMonths = DefaultHorizonMonths)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var horizon = today.AddMonths(horizonMonths);
        var warnings = new List<CalendarWarning>();

        var lastBankHolidayYear = LastContiguous(today.Year, calendar.HasBankHolidays);
        if (lastBankHolidayYear is null)
        {
            warnings.Add(new(CalendarWarningKind.RunsOut, calendar.Files.BankHolidays,
                $"The calendar has no bank holidays for {today.Year}: add {today.Year} to {calendar.Files.BankHolidays} now (GOV.UK publishes them)."));
        }
        else if (new DateOnly(lastBankHolidayYear.Value, 12, 31) < horizon)
        {
            var next = lastBankHolidayYear.Value + 1;
            warnings.Add(new(CalendarWarningKind.RunsOut, calendar.Files.BankHolidays,
                $"Bank holidays run out on {Uk(new DateOnly(lastBankHolidayYear.Value, 12, 31))}: add {next} to {calendar.Files.BankHolidays} before then (GOV.UK publishes them)."));
        }

        foreach (var year in calendar.BankHolidayYears.Where(y => y.Provisional).OrderBy(y => y.Year))
        {
            if (new DateOnly(year.Year, 1, 1) <= horizon && new DateOnly(year.Year, 12, 31) >= today)
            {
                warnings.Add(new(CalendarWarningKind.Provisional, calendar.Files.BankHolidays,
                    $"Bank holidays for {year.Year} are provisional (worked out, not published): confirm them against GOV.UK in {calendar.Files.BankHolidays}."));
            }
        }

        var thisSchoolYear = SchoolYear.StartYearOf(today);
        var lastSchoolYear = LastContiguous(thisSchoolYear, calendar.HasSchoolYear);
        if (lastSchoolYear is null)
        {
            var label = SchoolYear.LabelFor(thisSchoolYear);
            warnings.Add(new(CalendarWarningKind.RunsOut, calendar.Files.SchoolTerms,
                $"The calendar has no school term dates for {label}: add {label} to {calendar.Files.SchoolTerms} now."));
        }
        else if (new DateOnly(lastSchoolYear.Value + 1, 8, 31) < horizon)
        {
            var label = SchoolYear.LabelFor(lastSchoolYear.Value + 1);
            warnings.Add(new(CalendarWarningKind.RunsOut, calendar.Files.SchoolTerms,
                $"School term dates run out on {Uk(new DateOnly(lastSchoolYear.Value + 1, 8, 31))}: add {label} to {calendar.Files.SchoolTerms} before then."));
        }

        foreach (var year in calendar.SchoolYears.Where(y => y.Provisional).OrderBy(y => y.StartYear))
        {
            if (year.Start <= horizon && year.End >= today)
            {
                warnings.Add(new(CalendarWarningKind.Provisional, calendar.Files.SchoolTerms,
                    $"School term dates for {year.Label} are provisional: replace them with the council's published dates in {calendar.Files.SchoolTerms}."));
            }
        }

        return warnings;
    }

    private static int? LastContiguous(int first, Func<int, bool> has)
    {
        if (!has(first))
        {
            return null;
        }

        var last = first;
        while (has(last + 1))
        {
            last++;
        }

        return last;
    }

    private static string Uk(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
