using QaBot.Application.Assurance;

namespace QaBot.Application.Tests.Assurance;

[Trait("Category", "Fast")]
public sealed class ReviewPeriodsTests
{
    [Theory]
    [InlineData(ReviewPeriod.ThisQuarter, "2026-12-04", "2026-10-01", "2026-12-04", "this quarter")]
    [InlineData(ReviewPeriod.LastQuarter, "2026-12-04", "2026-07-01", "2026-09-30", "last quarter")]
    [InlineData(ReviewPeriod.LastQuarter, "2027-01-01", "2026-10-01", "2026-12-31", "last quarter")]
    [InlineData(ReviewPeriod.ThisQuarter, "2027-03-31", "2027-01-01", "2027-03-31", "this quarter")]
    public void Of_CalendarQuarters(ReviewPeriod period, string today, string from, string to, string label) =>
        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), label),
            ReviewPeriods.Of(period, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
}
