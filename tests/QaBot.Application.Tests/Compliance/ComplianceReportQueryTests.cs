using QaBot.Application.Compliance;
using QaBot.Application.Tracking;
using QaBot.Core.Compliance;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Compliance;

[Trait("Category", "Fast")]
public sealed class ComplianceReportQueryTests
{
    private static readonly ReportMonth October = new(2026, 10);
    private static readonly DateOnly AsOf = new(2026, 12, 2);

    private readonly InMemoryTrackingStore _tracking = new();
    private readonly ComplianceReportQuery _query;

    public ComplianceReportQueryTests() =>
        _query = new ComplianceReportQuery(new InMemoryComplianceStore(_tracking), new ScheduleRules(SampleFramework.Calendar, SchedulePolicy.Default), new ReportOptions());

    [Fact]
    public async Task RunAsync_Officers_SeeEveryFigure()
    {
        await AddAsync(ChesterfieldTeam1, done: 3, late: 1, open: 1);

        var line = Assert.Single(await _query.RunAsync(new ComplianceReportRequest(Chesterfield, October, October, ComplianceGrouping.Month, ReportAudience.Officers, AsOf)));

        Assert.Empty(line.Hidden);
        Assert.Equal((5, 3, 1, 1, 1), (line.Figures.Due, line.Figures.OnTime, line.Figures.Late, line.Figures.Open, line.Figures.Overdue));
        Assert.Equal(0.6, line.Figures.OnTimeRate);
    }

    [Fact]
    public async Task RunAsync_Members_SmallNumbersHiddenAndRateWithheldOnASmallBase()
    {
        await AddAsync(ChesterfieldTeam1, done: 3, late: 1, open: 1);

        var line = Assert.Single(await _query.RunAsync(new ComplianceReportRequest(Chesterfield, October, October, ComplianceGrouping.Month, ReportAudience.Members, AsOf)));

        Assert.True(line.IsHidden(FigureColumn.OnTime));
        Assert.True(line.IsHidden(FigureColumn.Late));
        Assert.True(line.RateWithheld);
        Assert.False(line.IsHidden(FigureColumn.Due));
    }

    [Fact]
    public async Task RunAsync_ByArea_OneLinePerAreaBelowAndDutyWithItsChange()
    {
        await AddAsync(ChesterfieldTeam1, done: 2, late: 0, open: 0);
        await AddAsync(BolsoverTeam1, done: 1, late: 1, open: 0);
        await AddAsync(BolsoverTeam1, done: 1, late: 0, open: 0, month: October.Previous());

        var lines = await _query.RunAsync(new ComplianceReportRequest(SocialCare, October, October, ComplianceGrouping.Area, ReportAudience.Officers, AsOf));

        Assert.Equal([Bolsover, Chesterfield], lines.Select(l => l.Figures.Area));
        Assert.Equal(-50.0, lines[0].Figures.ChangePoints);
        Assert.Null(lines[1].Figures.ChangePoints);
    }

    [Fact]
    public async Task RunAsync_MoreThanTenYears_Refused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _query.RunAsync(new ComplianceReportRequest(Department, new ReportMonth(2010, 1), new ReportMonth(2026, 1), ComplianceGrouping.Month, ReportAudience.Officers, AsOf)));

    private int _next;

    private async Task AddAsync(AreaId team, int done, int late, int open, ReportMonth? month = null)
    {
        var due = (month ?? October).FirstDay.AddDays(14);
        var items = new List<TrackedItem>();
        for (var i = 0; i < done + late + open; i++)
        {
            var item = TestItems.Open($"q-{_next++}", Id(6), team, due);
            await _tracking.AddIfAbsentAsync([item], TestItems.Origin);
            if (i < done + late)
            {
                var on = i < done ? due : due.AddDays(3);
                await _tracking.UpdateAsync(item.Key, x => ItemTransitions.Reply(x, TestItems.Reply(x, ReplyKind.Done, on)));
            }
        }
    }
}
