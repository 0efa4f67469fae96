using CsCheck;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Core.Tests.Compliance;

[Trait("Category", "Fast")]
public sealed class PublishedFiguresTests
{
    [Fact]
    public void ForMembers_CountsFromOneToFourHidden_ZeroAndFiveShown()
    {
        var view = PublishedFigures.ForMembers(Figures(due: 30, onTime: 20, late: 5, notApplicable: 0, open: 5, overdue: 1), minimumBase: 10);

        Assert.True(view.IsHidden(FigureColumn.Overdue));
        Assert.False(view.IsHidden(FigureColumn.Late));
        Assert.False(view.IsHidden(FigureColumn.NotApplicable));
        Assert.False(view.IsHidden(FigureColumn.Due));
    }

    [Fact]
    public void ForMembers_OneHiddenPartOfAShownTotal_HidesTheNextSmallestPartToo()
    {
        // 30 due = 20 on time + 3 late + 7 open: with "late" hidden, 30 - 20 - 7 would give it away.
        var view = PublishedFigures.ForMembers(Figures(due: 30, onTime: 20, late: 3, notApplicable: 0, open: 7, overdue: 7), minimumBase: 10);

        Assert.True(view.IsHidden(FigureColumn.Late));
        Assert.True(view.IsHidden(FigureColumn.Open));
        Assert.False(view.IsHidden(FigureColumn.OnTime));
        Assert.True(view.IsHidden(FigureColumn.Overdue));
    }

    [Fact]
    public void ForMembers_NoHiddenCountCanBeWorkedOutFromTheShownOnes()
    {
        foreach (var (onTime, late, na, open) in new[] { (20, 3, 0, 7), (1, 0, 0, 0), (12, 0, 4, 0), (9, 1, 1, 9), (5, 5, 0, 2) })
        {
            var due = onTime + late + na + open;
            var view = PublishedFigures.ForMembers(Figures(due, onTime, late, na, open, overdue: 0), 10);
            FigureColumn[] parts = [FigureColumn.OnTime, FigureColumn.Late, FigureColumn.NotApplicable, FigureColumn.ClosedOther, FigureColumn.Open];
            Assert.All(Enum.GetValues<FigureColumn>(), c => Assert.False(view.Value(c) is > 0 and < 5 && !view.IsHidden(c), $"{c} = {view.Value(c)} shown"));
            if (!view.IsHidden(FigureColumn.Due))
            {
                Assert.NotEqual(1, parts.Count(view.IsHidden));
            }
        }
    }

    [Fact]
    public void ForMembers_TeamsSideBySide_OneHiddenTeamCannotBeWorkedOutFromTheDutyTotal()
    {
        // Late supervisions: Team 1 2, Team 2 6, Team 3 9; the division's 17 is shown in the report by duty. With only
        // Team 1's hidden, 17 - 6 - 9 gives it away, so Team 2's (the next smallest) is hidden too.
        var lines = new[] { Line("dept.t1", late: 2), Line("dept.t2", late: 6), Line("dept.t3", late: 9) };

        var views = PublishedFigures.ForMembers(lines, minimumBase: 10);

        Assert.Equal([true, true, false], views.Select(v => v.IsHidden(FigureColumn.Late)));
    }

    [Fact]
    public void ForMembers_LinesPublishedTogether_NoHiddenCountCanBeWorkedOutFromALineOrATotal()
    {
        var areas = new[] { "dept.t1", "dept.t2", "dept.t3" };
        var duties = new[] { "supervision", "case-review" };
        var genLine = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 1], Gen.Int[0, 1], Gen.Int[0, 12].Array[5], (a, d, m, n) => (Area: areas[a], Duty: duties[d], Month: 10 + m, Counts: n));
        genLine.Array[1, 12].Sample(generated =>
        {
            var lines = generated.DistinctBy(l => (l.Area, l.Duty, l.Month))
                .Select(l => new ComplianceFigures(AreaId.Parse(l.Area), new DutyId(l.Duty), new ReportMonth(2026, l.Month), l.Counts.Sum(), l.Counts[0], l.Counts[1], l.Counts[2], l.Counts[3], l.Counts[4], Math.Min(l.Counts[4], l.Counts[0]), new Dictionary<string, int>()))
                .ToList();

            var views = PublishedFigures.ForMembers(lines, minimumBase: 10);

            FigureColumn[] parts = [FigureColumn.OnTime, FigureColumn.Late, FigureColumn.NotApplicable, FigureColumn.ClosedOther, FigureColumn.Open];
            foreach (var view in views)
            {
                Assert.All(Enum.GetValues<FigureColumn>(), c => Assert.False(SmallCounts.IsSmall(view.Value(c)) && !view.IsHidden(c), $"{c} = {view.Value(c)} shown"));
                Assert.False(!view.IsHidden(FigureColumn.Due) && parts.Count(view.IsHidden) == 1, "one part hidden beside a shown total");
                Assert.False(!view.RateWithheld && view.IsHidden(FigureColumn.OnTime), "a rate beside a hidden on-time count");
            }

            Func<ComplianceFigures, object>[] totals = [l => (l.Duty, l.Month), l => (l.Area, l.Month), l => (l.Area, l.Duty)];
            foreach (var group in totals.SelectMany(total => views.GroupBy(v => total(v.Figures))))
            {
                foreach (var column in Enum.GetValues<FigureColumn>())
                {
                    var hidden = group.Count(v => v.IsHidden(column));
                    Assert.False(hidden == 1 && group.Any(v => !v.IsHidden(column) && v.Value(column) > 0), $"{column}: one hidden beside shown lines of the same total");
                }
            }
        });
    }

    [Fact]
    public void SmallCounts_OneSmallBesideAShownTotal_HidesTheNextSmallestToo()
    {
        Assert.Equal([true, false, true, false], SmallCounts.Hidden([3, 12, 7, 0]));
        Assert.Equal([true, true, false], SmallCounts.Hidden([3, 2, 40]));
        Assert.Equal([false, false, false], SmallCounts.Hidden([0, 5, 40]));
    }

    [Fact]
    public void SmallCounts_PartsOfAHiddenTotal_TheSmallestPartHiddenSoTheirSumDoesNotGiveItAway()
    {
        Assert.Equal([false, true], SmallCounts.PartsOf(totalHidden: true, [7, 5]));
        Assert.Equal([false, false], SmallCounts.PartsOf(totalHidden: false, [7, 5]));
        Assert.Equal([true, false, false], SmallCounts.PartsOf(totalHidden: true, [2, 6, 9]));
        Assert.Equal([true, true, false], SmallCounts.PartsOf(totalHidden: false, [2, 6, 9]));
    }

    [Fact]
    public void SmallCounts_GroupedTotals_NoGroupLeavesOneHiddenBesideShownCounts()
    {
        // Overdue by team and duty: Team 1's 2 supervisions and Team 2's 3 case reviews are small. Over the whole list two
        // are hidden, but Team 1's total (2 + 8) and the case reviews' total (3 + 9) would each give one away.
        var counts = new[] { ("t1", "supervision", 2), ("t1", "case-review", 8), ("t2", "supervision", 6), ("t2", "case-review", 3), ("t3", "case-review", 9) };

        var hidden = SmallCounts.Hidden(counts, c => c.Item3, _ => 0, c => c.Item1, c => c.Item2);

        Assert.Equal([true, true, true, true, false], hidden);
    }

    [Fact]
    public void ForMembers_RateOnASmallBase_Withheld()
    {
        Assert.True(PublishedFigures.ForMembers(Figures(9, 9, 0, 0, 0, 0), minimumBase: 10).RateWithheld);
        Assert.False(PublishedFigures.ForMembers(Figures(20, 15, 5, 0, 0, 0), minimumBase: 10).RateWithheld);
        Assert.True(PublishedFigures.ForMembers(Figures(20, 15, 5, 0, 0, 0), minimumBase: 10).ChangeWithheld);
        Assert.False(PublishedFigures.ForMembers(Figures(20, 15, 5, 0, 0, 0) with { PreviousRateBase = 12, ChangePoints = 3 }, minimumBase: 10).ChangeWithheld);
    }

    [Fact]
    public void ForMembers_RateThatWouldGiveAHiddenCountAway_Withheld()
    {
        // 90% of 10 would give away the 9 on time hidden beside the 1 late; with 2 of 24 not applicable hidden beside a
        // shown total, the base (and so the hidden 2) could be worked out from the rate.
        Assert.True(PublishedFigures.ForMembers(Figures(10, 9, 1, 0, 0, 0), minimumBase: 10).RateWithheld);
        Assert.True(PublishedFigures.ForMembers(Figures(24, 16, 6, 2, 0, 0), minimumBase: 10).RateWithheld);
    }

    [Fact]
    public void InFull_HidesNothing()
    {
        var view = PublishedFigures.InFull(Figures(3, 1, 1, 1, 0, 0));

        Assert.Empty(view.Hidden);
        Assert.False(view.RateWithheld);
    }

    [Fact]
    public void OnTimeRate_LeavesOutNotApplicable()
    {
        var figures = Figures(due: 10, onTime: 6, late: 2, notApplicable: 2, open: 0, overdue: 0);

        Assert.Equal(8, figures.RateBase);
        Assert.Equal(0.75, figures.OnTimeRate);
        Assert.Null(Figures(2, 0, 0, 2, 0, 0).OnTimeRate);
    }

    private static ComplianceFigures Line(string area, int late) =>
        new(AreaId.Parse(area), new DutyId("supervision"), new ReportMonth(2026, 10), 20 + late, 20, late, 0, 0, 0, 0, new Dictionary<string, int>());

    private static ComplianceFigures Figures(int due, int onTime, int late, int notApplicable, int open, int overdue) =>
        new(AreaId.Parse("dept"), null, new ReportMonth(2026, 10), due, onTime, late, notApplicable, 0, open, overdue, new Dictionary<string, int>());
}
