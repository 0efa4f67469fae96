using QaBot.Core.Calendar;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Calendar;

[Trait("Category", "Fast")]
public sealed class CalendarCoverageTests
{
    [Fact]
    public void Check_November2026_WarnsOnlyThatThisSchoolYearIsProvisional()
    {
        var warnings = CalendarCoverage.Check(SampleFramework.Calendar, new DateOnly(2026, 11, 27));

        var warning = Assert.Single(warnings);
        Assert.Equal(CalendarWarningKind.Provisional, warning.Kind);
        Assert.Contains("2026/27", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith("school-terms.yaml", warning.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WithinSixMonthsOfTheEnd_WarnsThatBothCalendarsRunOut()
    {
        var warnings = CalendarCoverage.Check(SampleFramework.Calendar, new DateOnly(2028, 7, 1));

        var runsOut = warnings.Where(w => w.Kind == CalendarWarningKind.RunsOut).ToList();
        Assert.Equal(2, runsOut.Count);
        Assert.Contains(runsOut, w => w.File.EndsWith("bank-holidays.yaml", StringComparison.Ordinal)
            && w.Message.Contains("31 December 2028", StringComparison.Ordinal) && w.Message.Contains("add 2029", StringComparison.Ordinal));
        Assert.Contains(runsOut, w => w.File.EndsWith("school-terms.yaml", StringComparison.Ordinal)
            && w.Message.Contains("31 August 2028", StringComparison.Ordinal) && w.Message.Contains("2028/29", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Kind == CalendarWarningKind.Provisional && w.Message.Contains("2028", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SchoolDataEndsJustOutsideHorizon_DoesNotWarnThatItRunsOut()
    {
        var warnings = CalendarCoverage.Check(SampleFramework.Calendar, new DateOnly(2028, 2, 29));

        Assert.DoesNotContain(warnings, w => w.Kind == CalendarWarningKind.RunsOut && w.File.EndsWith("school-terms.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_TodayBeyondTheData_WarnsThatTheYearIsMissing()
    {
        var warnings = CalendarCoverage.Check(SampleFramework.Calendar, new DateOnly(2029, 1, 10));

        Assert.Contains(warnings, w => w.Message.Contains("no bank holidays for 2029", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Message.Contains("no school term dates for 2028/29", StringComparison.Ordinal));
    }
}
