using System.Globalization;
using NodaTime;

namespace QaBot.Core.Calendar;

/// <summary>
/// The council's calendar: the time zone, England and Wales bank holidays, the school terms and the financial and
/// municipal years, with working-day arithmetic. Built from data (see <see cref="CalendarLoader"/>); pure after that.
/// A date that needs a year the data lacks throws <see cref="CalendarDataMissingException"/> naming the year and file.
/// </summary>
/// <remarks>
/// Local times are turned into instants leniently: a time that happens twice when the clocks go back takes the earlier
/// instant; a time that does not exist when the clocks go forward is shifted forward by the gap (01:30 becomes 02:30).
/// </remarks>
public sealed class CouncilCalendar
{
    private readonly Dictionary<int, BankHolidayYear> _bankHolidayYears;
    private readonly HashSet<DateOnly> _bankHolidays;
    private readonly Dictionary<int, SchoolYear> _schoolYears;
    private readonly HashSet<DateOnly> _closures;

    public CouncilCalendar(
        DateTimeZone zone,
        IEnumerable<BankHolidayYear> bankHolidayYears,
        IEnumerable<SchoolYear> schoolYears,
        int financialYearStartMonth = 4,
        int municipalYearStartMonth = 5,
        CalendarFiles? files = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThan(financialYearStartMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(financialYearStartMonth, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(municipalYearStartMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(municipalYearStartMonth, 12);

        Zone = zone;
        Files = files ?? CalendarFiles.Default;
        FinancialYearStartMonth = financialYearStartMonth;
        MunicipalYearStartMonth = municipalYearStartMonth;
        _bankHolidayYears = bankHolidayYears.ToDictionary(y => y.Year);
        _bankHolidays = [.. _bankHolidayYears.Values.SelectMany(y => y.Days).Select(d => d.Date)];
        _schoolYears = schoolYears.ToDictionary(y => y.StartYear);
        _closures = [.. _schoolYears.Values.SelectMany(y => y.HalfTerms).SelectMany(h => h.Closures)];
    }

    public DateTimeZone Zone { get; }

    public CalendarFiles Files { get; }

    public int FinancialYearStartMonth { get; }

    public int MunicipalYearStartMonth { get; }

    public IReadOnlyCollection<BankHolidayYear> BankHolidayYears => _bankHolidayYears.Values;

    public IReadOnlyCollection<SchoolYear> SchoolYears => _schoolYears.Values;

    public bool HasBankHolidays(int year) => _bankHolidayYears.ContainsKey(year);

    public bool HasSchoolYear(int startYear) => _schoolYears.ContainsKey(startYear);

    public bool IsBankHoliday(DateOnly date)
    {
        BankHolidayYearOf(date.Year);
        return _bankHolidays.Contains(date);
    }

    /// <summary>True when the bank holidays of the date's year are provisional.</summary>
    public bool IsBankHolidayYearProvisional(DateOnly date) => BankHolidayYearOf(date.Year).Provisional;

    public BankHolidayYear BankHolidayYearOf(int year) =>
        _bankHolidayYears.TryGetValue(year, out var data)
            ? data
            : throw new CalendarDataMissingException("bank holidays", year.ToString(CultureInfo.InvariantCulture), Files.BankHolidays);

    /// <summary>Monday to Friday and not a bank holiday.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsBankHoliday(date);

    public DateOnly WorkingDayOnOrBefore(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(-1);
        }

        return date;
    }

    public DateOnly WorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>
    /// The <paramref name="count"/>th working day after <paramref name="date"/> (before it when negative); the date
    /// itself does not count. Zero returns the date unchanged.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int count)
    {
        var step = count >= 0 ? 1 : -1;
        for (var remaining = Math.Abs(count); remaining > 0;)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }

        return date;
    }

    /// <summary>The number of working days after <paramref name="from"/> up to and including <paramref name="to"/> (negative when <paramref name="to"/> is earlier).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    public SchoolYear SchoolYearStarting(int startYear) =>
        _schoolYears.TryGetValue(startYear, out var year)
            ? year
            : throw new CalendarDataMissingException("school term dates", SchoolYear.LabelFor(startYear), Files.SchoolTerms);

    public SchoolYear SchoolYearOf(DateOnly date) => SchoolYearStarting(SchoolYear.StartYearOf(date));

    /// <summary>The half-term a date falls in, or null in the holidays.</summary>
    public HalfTerm? HalfTermOf(DateOnly date)
    {
        foreach (var halfTerm in SchoolYearOf(date).HalfTerms)
        {
            if (halfTerm.Contains(date))
            {
                return halfTerm;
            }
        }

        return null;
    }

    /// <summary>A day the schools are open: inside a half-term, a working day, and not a closure day.</summary>
    public bool IsTermDay(DateOnly date) =>
        HalfTermOf(date) is not null && IsWorkingDay(date) && !_closures.Contains(date);

    /// <summary>The first and last term days of a calendar month, or null for a month without term days (August).</summary>
    public (DateOnly First, DateOnly Last)? TermDaysIn(int year, int month)
    {
        var start = new DateOnly(year, month, 1);
        var end = start.AddMonths(1).AddDays(-1);
        DateOnly? first = null;
        DateOnly? last = null;
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            if (IsTermDay(day))
            {
                first ??= day;
                last = day;
            }
        }

        return first is { } f && last is { } l ? (f, l) : null;
    }

    /// <summary>The last term day of a half-term on or before <paramref name="date"/>, or null when there is none.</summary>
    public DateOnly? LastTermDayOnOrBefore(HalfTerm halfTerm, DateOnly date)
    {
        for (var day = date > halfTerm.Last ? halfTerm.Last : date; day >= halfTerm.First; day = day.AddDays(-1))
        {
            if (IsWorkingDay(day) && !_closures.Contains(day))
            {
                return day;
            }
        }

        return null;
    }

    public int YearStartMonth(YearBasis basis) => basis switch
    {
        YearBasis.Calendar => 1,
        YearBasis.Financial => FinancialYearStartMonth,
        YearBasis.Municipal => MunicipalYearStartMonth,
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, null),
    };

    /// <summary>The year of the given basis that starts in <paramref name="startYear"/>.</summary>
    public CouncilYear YearStarting(YearBasis basis, int startYear)
    {
        var startMonth = YearStartMonth(basis);
        var start = new DateOnly(startYear, startMonth, 1);
        var end = start.AddYears(1).AddDays(-1);
        var label = startMonth == 1
            ? startYear.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{startYear}/{(startYear + 1) % 100:00}");
        return new CouncilYear(basis, startYear, start, end, label);
    }

    /// <summary>The year of the given basis that a date falls in (the financial year 2025/26 holds 1 April 2025 to 31 March 2026).</summary>
    public CouncilYear YearOf(YearBasis basis, DateOnly date) =>
        YearStarting(basis, date.Month >= YearStartMonth(basis) ? date.Year : date.Year - 1);

    /// <summary>The UTC instant of a local date and time in the council's zone (ambiguous: earlier; skipped: shifted forward).</summary>
    public DateTimeOffset ToInstant(DateOnly date, TimeOnly time) =>
        LocalDate.FromDateOnly(date).At(LocalTime.FromTimeOnly(time))
            .InZoneLeniently(Zone)
            .ToInstant()
            .ToDateTimeOffset();

    public DateOnly LocalDateOf(DateTimeOffset instant) =>
        Instant.FromDateTimeOffset(instant).InZone(Zone).Date.ToDateOnly();

    public DateTimeOffset ToLocalTime(DateTimeOffset instant)
    {
        var zoned = Instant.FromDateTimeOffset(instant).InZone(Zone);
        return zoned.ToDateTimeOffset();
    }
}
