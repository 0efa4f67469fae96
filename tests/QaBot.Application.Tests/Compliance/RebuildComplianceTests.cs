using QaBot.Application.Compliance;
using QaBot.Application.Tracking;
using QaBot.Core.Compliance;
using QaBot.Testing.InMemory;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Compliance;

[Trait("Category", "Fast")]
public sealed class RebuildComplianceTests
{
    private static readonly ReportMonth October = new(2026, 10);

    private readonly InMemoryTrackingStore _tracking = new();
    private readonly InMemoryComplianceStore _store;
    private readonly RebuildCompliance _rebuild;

    public RebuildComplianceTests()
    {
        _store = new InMemoryComplianceStore(_tracking);
        _rebuild = new RebuildCompliance(_store);
    }

    [Fact]
    public async Task RunAsync_ModelInStep_ReportsNoDifference()
    {
        await _tracking.AddIfAbsentAsync([TestItems.Open("a", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 12))], TestItems.Origin);

        var result = await _rebuild.RunAsync(October, October, dryRun: false);

        Assert.Empty(result.Differences);
        Assert.Equal(1, result.CellsCounted);
        Assert.Equal(0, result.CellsCorrected);
    }

    [Fact]
    public async Task RunAsync_SealedMonths_LeftAsStoredAndLaterMonthsCounted()
    {
        var september = TestItems.Open("a", Id(6), ChesterfieldTeam1, new DateOnly(2026, 9, 14));
        var october = TestItems.Open("b", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 12));
        await _tracking.AddIfAbsentAsync([september, october], TestItems.Origin);
        _tracking.CorruptCell(ComplianceEntry.Of(september) with { Outcome = ComplianceOutcome.OnTime }, 1);
        _tracking.CorruptCell(ComplianceEntry.Of(october) with { Outcome = ComplianceOutcome.OnTime }, 1);
        await _store.SealThroughAsync(October.Previous());

        var result = await _rebuild.RunAsync(October.Previous(), October, dryRun: false);

        Assert.Equal(October.Previous(), result.SealedThrough);
        var difference = Assert.Single(result.Differences);
        Assert.Equal(October, difference.Month);
        Assert.Equal(2, (await _store.GetCellsAsync(null, October.Previous(), October.Previous()))[0].Duties[new("supervision")].Due);
        Assert.Equal(1, (await _store.GetCellsAsync(null, October, October))[0].Duties[new("supervision")].Due);
    }

    [Fact]
    public async Task RunAsync_EveryMonthSealed_CountsNothing()
    {
        await _tracking.AddIfAbsentAsync([TestItems.Open("a", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 12))], TestItems.Origin);
        await _store.ReplaceAsync([new ComplianceCell(ChesterfieldTeam1, October)]);
        await _store.SealThroughAsync(October);

        var result = await _rebuild.RunAsync(October, October, dryRun: false);

        Assert.Equal((0, 0, (ReportMonth?)October), (result.CellsCounted, result.Differences.Count, result.SealedThrough));
        Assert.Empty(await _store.GetCellsAsync(null, October, October));
    }

    [Fact]
    public async Task RunAsync_DryRun_ListsTheDifferenceAndChangesNothing()
    {
        var item = TestItems.Open("a", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 12));
        await _tracking.AddIfAbsentAsync([item], TestItems.Origin);
        _tracking.CorruptCell(ComplianceEntry.Of(item) with { Outcome = ComplianceOutcome.OnTime }, 1);

        var result = await _rebuild.RunAsync(October, October, dryRun: true);

        var difference = Assert.Single(result.Differences);
        Assert.Equal((2, 1), (difference.Stored.Due, difference.Stored.OnTime));
        Assert.Equal((1, 0), (difference.Counted.Due, difference.Counted.OnTime));
        Assert.Equal(0, result.CellsCorrected);
        Assert.Equal(2, (await _store.GetCellsAsync(null, October, October))[0].Duties[new("supervision")].Due);
    }

    [Fact]
    public async Task RunAsync_CorrectsTheModel_AndRemovesCellsNoItemsSupport()
    {
        var item = TestItems.Open("a", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 12));
        await _tracking.AddIfAbsentAsync([item], TestItems.Origin);
        _tracking.CorruptCell(ComplianceEntry.Of(item) with { Outcome = ComplianceOutcome.Late }, 1);
        _tracking.CorruptCell(ComplianceEntry.Of(item) with { Area = BolsoverTeam1 }, 1);

        var result = await _rebuild.RunAsync(October, October, dryRun: false);

        Assert.Equal(2, result.Differences.Count);
        Assert.Equal(2, result.CellsCorrected);
        var cells = await _store.GetCellsAsync(null, October, October);
        var cell = Assert.Single(cells);
        Assert.Equal(ChesterfieldTeam1, cell.Area);
        Assert.Equal((1, 0), (cell.Duties[new("supervision")].Due, cell.Duties[new("supervision")].Late));
        Assert.Empty((await _rebuild.RunAsync(October, October, dryRun: false)).Differences);
    }

    [Fact]
    public async Task RunAsync_EndBeforeStart_Refused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _rebuild.RunAsync(October, October.Previous(), dryRun: true));

    [Fact]
    public async Task RunAsync_LeavesMonthsOutsideTheRangeAlone()
    {
        var item = TestItems.Open("a", Id(6), ChesterfieldTeam1, new DateOnly(2026, 9, 12));
        await _tracking.AddIfAbsentAsync([item], TestItems.Origin);
        _tracking.CorruptCell(ComplianceEntry.Of(item) with { Outcome = ComplianceOutcome.Late }, 1);

        var result = await _rebuild.RunAsync(October, October, dryRun: false);

        Assert.Empty(result.Differences);
        Assert.Equal(2, (await _store.GetCellsAsync(null, October.Previous(), October.Previous()))[0].Duties[new("supervision")].Due);
    }

    [Fact]
    public async Task RunAsync_OpenTallyOutOfStep_ListsItAndCorrectsItWhateverTheMonths()
    {
        var item = TestItems.Open("a", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 12));
        await _tracking.AddIfAbsentAsync([item], TestItems.Origin);
        _tracking.CorruptCell(ComplianceEntry.Of(item) with { Area = BolsoverTeam1, Month = new ReportMonth(2025, 1) }, 1);

        var dry = await _rebuild.RunAsync(October, October, dryRun: true);
        var result = await _rebuild.RunAsync(October, October, dryRun: false);

        Assert.Equal(new OpenDifference(BolsoverTeam1, new("supervision"), 1, 0), Assert.Single(dry.OpenDifferences));
        Assert.Equal((0, 1, 1), (dry.OpenTalliesCorrected, result.OpenTalliesCorrected, result.DifferenceCount));
        Assert.Empty(result.Differences);
        Assert.Equal([ChesterfieldTeam1], (await _store.GetOpenAsync(null)).Select(t => t.Area));
        Assert.Equal(0, (await _rebuild.RunAsync(October, October, dryRun: false)).DifferenceCount);
    }

    [Fact]
    public async Task RunAsync_TallyWithRightCountsButNoOldestKeys_FillsThemWithoutCallingItADifference()
    {
        var items = new[] { TestItems.Open("b", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 14)), TestItems.Open("a", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 12)) };
        await _tracking.AddIfAbsentAsync(items, TestItems.Origin);
        var counts = (await _store.GetOpenAsync(null)).Single();
        var written = new OpenTally(ChesterfieldTeam1);
        foreach (var (due, n) in counts.Duties.Single().Value)
        {
            written.Add(new("supervision"), due, n);
        }

        await _store.ReplaceOpenAsync([written]);
        Assert.Empty((await _store.GetOpenAsync(null)).Single().Oldest);

        var result = await _rebuild.RunAsync(October, October, dryRun: false);

        Assert.Equal(0, result.DifferenceCount);
        Assert.Equal(0, result.OpenTalliesCorrected);
        Assert.Equal(new[] { "a", "b" }, (await _store.GetOpenAsync(null)).Single().Oldest.Select(k => k.Item.Value));
    }
}
