using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;

namespace QaBot.Core.Tests.Compliance;

[Trait("Category", "Fast")]
public sealed class ComplianceReportTests
{
    private static readonly AreaId Dept = AreaId.Parse("dept");
    private static readonly AreaId Division = AreaId.Parse("dept.division");
    private static readonly AreaId Team1 = AreaId.Parse("dept.division.team-1");
    private static readonly AreaId Team2 = AreaId.Parse("dept.division.team-2");
    private static readonly AreaId Other = AreaId.Parse("dept.other.team-3");
    private static readonly PersonId Owner = new("owner");

    [Fact]
    public void Lines_ByArea_SumsTeamsUnderTheAreaOneLevelDown()
    {
        var cells = ComplianceCell.Recount(
        [
            Done("a", Team1, new(2026, 10, 5), new(2026, 10, 5)),
            Done("b", Team2, new(2026, 10, 6), new(2026, 10, 9)),
            Done("c", Other, new(2026, 10, 7), new(2026, 10, 7)),
        ]);

        var lines = ComplianceReport.Lines(cells, Dept, new(2026, 10), new(2026, 10), ComplianceGrouping.Area, new DateOnly(2026, 12, 1));

        Assert.Equal(2, lines.Count);
        var division = lines.Single(l => l.Area == Division);
        Assert.Equal((2, 1, 1, 0.5), (division.Due, division.OnTime, division.Late, division.OnTimeRate!.Value));
    }

    [Fact]
    public void Lines_ChangeFromTheMonthBefore_InPercentagePoints()
    {
        var cells = ComplianceCell.Recount(
        [
            Done("sep-1", Team1, new(2026, 9, 10), new(2026, 9, 10)),
            Done("sep-2", Team1, new(2026, 9, 11), new(2026, 9, 20)),
            Done("oct-1", Team1, new(2026, 10, 10), new(2026, 10, 10)),
        ]);

        var line = Assert.Single(ComplianceReport.Lines(cells, Division, new(2026, 10), new(2026, 10), ComplianceGrouping.Month, new DateOnly(2026, 12, 1)));

        Assert.Equal(50.0, line.ChangePoints);
        Assert.Equal(2, line.PreviousRateBase);
    }

    [Fact]
    public void Lines_OpenItems_OverdueByTheCutOffGiven()
    {
        var cells = ComplianceCell.Recount(
        [
            TestItems.Open("a", Owner, Team1, new(2026, 11, 2)),
            TestItems.Open("b", Owner, Team1, new(2026, 11, 20)),
        ]);

        var line = Assert.Single(ComplianceReport.Lines(cells, Team1, new(2026, 11), new(2026, 11), ComplianceGrouping.Duty, new DateOnly(2026, 11, 10)));

        Assert.Equal((2, 1), (line.Open, line.Overdue));
        Assert.Equal(new DutyId("supervision"), line.Duty);
    }

    [Fact]
    public void Lines_EndBeforeStart_Refused() =>
        Assert.Throws<ArgumentException>(() => ComplianceReport.Lines([], Dept, new(2026, 10), new(2026, 9), ComplianceGrouping.Area, default));

    [Fact]
    public void ReportMonth_ParsesYearAndMonthAndRefusesAnythingElse()
    {
        Assert.Equal(new ReportMonth(2026, 4), ReportMonth.Parse("2026-04"));
        Assert.False(ReportMonth.TryParse("2026-13", out _));
        Assert.False(ReportMonth.TryParse("April 2026", out _));
        Assert.Equal("April 2026", new ReportMonth(2026, 4).ToDisplay());
        Assert.Equal(13, ReportMonth.Range(new(2026, 1), new(2027, 1)).Count);
    }

    private static TrackedItem Done(string id, AreaId area, DateOnly due, DateOnly done)
    {
        var item = TestItems.Open(id, Owner, area, due);
        return ItemTransitions.Reply(item, TestItems.Reply(item, ReplyKind.Done, done))!.After;
    }
}
