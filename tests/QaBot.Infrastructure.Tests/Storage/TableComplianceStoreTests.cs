using QaBot.Core.Compliance;
using QaBot.Core.Tracking;
using QaBot.Infrastructure.Storage;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Infrastructure.Tests.Storage;

/// <summary>What only the table store of the compliance model has: reading a long run of months in spans side by side.</summary>
[Trait("Category", "Storage")]
public sealed class TableComplianceStoreTests : IAsyncLifetime
{
    private readonly StorageContext _storage = new();

    public Task InitializeAsync() => _storage.InitializeAsync();

    public Task DisposeAsync() => _storage.DisposeAsync();

    [Fact]
    public void Spans_FourteenMonths_FourSpansInOrderCoveringEachMonthOnce()
    {
        var spans = TableComplianceStore.Spans(new ReportMonth(2025, 11), new ReportMonth(2026, 12));

        Assert.Equal(
            [("2025-11", "2026-02"), ("2026-03", "2026-06"), ("2026-07", "2026-10"), ("2026-11", "2026-12")],
            spans.Select(s => (s.First.ToString(), s.Last.ToString())));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Spans_AFewMonths_OneSpan(int months)
    {
        var first = new ReportMonth(2026, 1);
        var last = ReportMonth.Of(first.FirstDay.AddMonths(months - 1));

        Assert.Equal([(first, last)], TableComplianceStore.Spans(first, last));
    }

    [Fact]
    public async Task GetCellsAsync_ARunOfMonthsReadInSpans_EveryCellOnceAndNoneOutside()
    {
        var items = Enumerable.Range(0, 16)
            .Select(n => new DateOnly(2025, 10, 15).AddMonths(n))
            .Select(due => NewItem.Of(TestItems.Open($"supervision.{due:yyyy-MM}.{Id(6).Value}", Id(6), ChesterfieldTeam1, due)))
            .ToList();
        await _storage.Tracking.AddIfAbsentAsync(items, TestItems.Origin);

        var cells = await _storage.Compliance.GetCellsAsync(Department, new ReportMonth(2025, 11), new ReportMonth(2026, 12));

        var months = cells.Select(c => c.Month.ToString()).ToList();
        Assert.Equal(Enumerable.Range(0, 14).Select(n => ReportMonth.Of(new DateOnly(2025, 11, 1).AddMonths(n)).ToString()), months);
        Assert.All(cells, c => Assert.Equal(1, c.Duties[new("supervision")].Due));
    }
}
