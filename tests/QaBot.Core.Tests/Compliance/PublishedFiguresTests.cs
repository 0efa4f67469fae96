using QaBot.Core.Compliance;
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
    public void ForMembers_RateOnASmallBase_Withheld()
    {
        Assert.True(PublishedFigures.ForMembers(Figures(9, 9, 0, 0, 0, 0), minimumBase: 10).RateWithheld);
        Assert.False(PublishedFigures.ForMembers(Figures(10, 9, 1, 0, 0, 0), minimumBase: 10).RateWithheld);
        Assert.True(PublishedFigures.ForMembers(Figures(10, 9, 1, 0, 0, 0), minimumBase: 10).ChangeWithheld);
        Assert.False(PublishedFigures.ForMembers(Figures(10, 9, 1, 0, 0, 0) with { PreviousRateBase = 12, ChangePoints = 3 }, minimumBase: 10).ChangeWithheld);
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

    private static ComplianceFigures Figures(int due, int onTime, int late, int notApplicable, int open, int overdue) =>
        new(AreaId.Parse("dept"), null, new ReportMonth(2026, 10), due, onTime, late, notApplicable, 0, open, overdue, new Dictionary<string, int>());
}
