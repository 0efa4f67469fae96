using QaBot.Application.Compliance;

namespace QaBot.Application.Tests.Compliance;

[Trait("Category", "Fast")]
public sealed class ComplianceQuestionTests
{
    [Theory]
    [InlineData("2026-11-20", CompliancePeriod.LastMonth, "2026-10", "2026-10")]
    [InlineData("2026-11-20", CompliancePeriod.LastQuarter, "2026-07", "2026-09")]
    [InlineData("2026-10-01", CompliancePeriod.LastQuarter, "2026-07", "2026-09")]
    [InlineData("2027-01-04", CompliancePeriod.LastQuarter, "2026-10", "2026-12")]
    [InlineData("2027-01-04", CompliancePeriod.LastMonth, "2026-12", "2026-12")]
    public void Months_AsOfADay_TheMonthJustEndedOrTheLastWholeQuarter(string asOf, CompliancePeriod period, string from, string to)
    {
        var months = new ComplianceQuestion(null, null, null, period).Months(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((from, to), (months.From.ToString(), months.To.ToString()));
    }
}
