using QaBot.Core.Calendar;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Calendar;

[Trait("Category", "Fast")]
public sealed class CouncilCalendarTests
{
    private static CouncilCalendar Calendar => SampleFramework.Calendar;

    [Theory]
    [InlineData("2025-12-25", false)] // Christmas Day
    [InlineData("2026-12-28", false)] // Boxing Day substitute
    [InlineData("2026-08-31", false)] // Summer bank holiday
    [InlineData("2026-08-29", false)] // Saturday
    [InlineData("2026-08-28", true)]
    [InlineData("2027-12-29", true)]
    public void IsWorkingDay_KnownDates_FollowsWeekendsAndBankHolidays(string date, bool expected) =>
        Assert.Equal(expected, Calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void AddWorkingDays_AcrossChristmas_SkipsWeekendsAndBankHolidays()
    {
        // Mon 22 Dec 2025: 23, 24, 29, 30, 31 Dec, 2 Jan... (25, 26 Dec and 1 Jan are bank holidays).
        Assert.Equal(new DateOnly(2026, 1, 2), Calendar.AddWorkingDays(new DateOnly(2025, 12, 22), 6));
        Assert.Equal(new DateOnly(2025, 12, 22), Calendar.AddWorkingDays(new DateOnly(2026, 1, 2), -6));
        Assert.Equal(6, Calendar.WorkingDaysBetween(new DateOnly(2025, 12, 22), new DateOnly(2026, 1, 2)));
        Assert.Equal(-6, Calendar.WorkingDaysBetween(new DateOnly(2026, 1, 2), new DateOnly(2025, 12, 22)));
    }

    [Fact]
    public void IsBankHoliday_YearNotInData_ThrowsNamingYearAndFile()
    {
        var error = Assert.Throws<CalendarDataMissingException>(() => Calendar.IsWorkingDay(new DateOnly(2029, 3, 1)));

        Assert.Equal("2029", error.Year);
        Assert.EndsWith("bank-holidays.yaml", error.File, StringComparison.Ordinal);
        Assert.Contains("2029", error.Message, StringComparison.Ordinal);
        Assert.Contains("bank-holidays.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsWorkingDay_WeekendInYearNotInData_NeedsNoData() =>
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2029, 3, 3)));

    [Fact]
    public void SchoolYearOf_YearNotInData_ThrowsNamingSchoolYearAndFile()
    {
        var error = Assert.Throws<CalendarDataMissingException>(() => Calendar.IsTermDay(new DateOnly(2028, 9, 12)));

        Assert.Equal("2028/29", error.Year);
        Assert.EndsWith("school-terms.yaml", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void IsTermDay_ClosureAndHolidays_AreNotTermDays()
    {
        Assert.True(Calendar.IsTermDay(new DateOnly(2025, 9, 4)));
        Assert.False(Calendar.IsTermDay(new DateOnly(2025, 9, 3)));
        Assert.False(Calendar.IsTermDay(new DateOnly(2025, 10, 29)));
        Assert.False(Calendar.IsTermDay(new DateOnly(2026, 5, 4)));
        Assert.True(Calendar.IsTermDay(new DateOnly(2026, 5, 5)));
    }

    [Fact]
    public void TermDaysIn_AugustAndSeptember_NoneThenFromTheFirstDay()
    {
        Assert.Null(Calendar.TermDaysIn(2026, 8));
        Assert.Equal((new DateOnly(2025, 9, 4), new DateOnly(2025, 9, 30)), Calendar.TermDaysIn(2025, 9));
        Assert.Equal((new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 23)), Calendar.TermDaysIn(2026, 7));
    }

    [Fact]
    public void YearOf_FinancialAndMunicipal_StartInAprilAndMay()
    {
        var financial = Calendar.YearOf(YearBasis.Financial, new DateOnly(2026, 3, 31));
        Assert.Equal(("2025/26", new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31)), (financial.Label, financial.Start, financial.End));

        var municipal = Calendar.YearOf(YearBasis.Municipal, new DateOnly(2026, 5, 1));
        Assert.Equal(("2026/27", new DateOnly(2026, 5, 1), new DateOnly(2027, 4, 30)), (municipal.Label, municipal.Start, municipal.End));

        Assert.Equal("2026", Calendar.YearOf(YearBasis.Calendar, new DateOnly(2026, 12, 31)).Label);
    }

    [Theory]
    [InlineData("2026-03-27", "2026-03-27T09:00:00+00:00")] // GMT, before the clocks go forward on 29 March
    [InlineData("2026-03-30", "2026-03-30T08:00:00+00:00")] // BST
    [InlineData("2026-10-23", "2026-10-23T08:00:00+00:00")] // BST, before the clocks go back on 25 October
    [InlineData("2026-10-26", "2026-10-26T09:00:00+00:00")] // GMT
    public void ToInstant_NineLocalEitherSideOfClockChanges_IsNineLocal(string date, string expected)
    {
        var instant = Calendar.ToInstant(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(9, 0));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Fact]
    public void ToInstant_AmbiguousTime_TakesTheEarlier()
    {
        // 01:30 happens twice on Sun 25 Oct 2026: first in BST (00:30 UTC), then in GMT (01:30 UTC).
        var instant = Calendar.ToInstant(new DateOnly(2026, 10, 25), new TimeOnly(1, 30));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), instant);
    }

    [Fact]
    public void ToInstant_SkippedTime_IsShiftedForward()
    {
        // 01:30 does not exist on Sun 29 Mar 2026: shifted forward by the hour to 02:30 BST, 01:30 UTC.
        var instant = Calendar.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(1, 30));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), instant);
    }

    [Fact]
    public void LocalDateOf_LateEveningUtcInSummer_IsNextLocalDay() =>
        Assert.Equal(new DateOnly(2026, 7, 2), Calendar.LocalDateOf(new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero)));
}
