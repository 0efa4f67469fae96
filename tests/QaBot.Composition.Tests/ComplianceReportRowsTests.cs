using QaBot.Composition.Reports;

namespace QaBot.Composition.Tests;

[Trait("Category", "Fast")]
public sealed class ComplianceReportRowsTests
{
    private const int RateColumn = 10;

    [Theory]
    [InlineData(0.8125, "81.3")]
    [InlineData(0.8124, "81.2")]
    [InlineData(0.0005, "0.1")]
    [InlineData(1.0, "100.0")]
    public void CsvText_OnTimeRate_IsAPercentageWithHalvesRoundedAwayFromZeroAsTheWorkbookShowsThem(double rate, string expected) =>
        Assert.Equal(expected, ComplianceReportRows.CsvText(rate, RateColumn));

    [Fact]
    public void CsvText_RateAndItsDisplay_AgreeOnAHalf() =>
        Assert.Equal(ComplianceReportRows.DisplayText(0.8125, RateColumn), ComplianceReportRows.CsvText(0.8125, RateColumn) + "%");
}
