using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Scheduling;

/// <summary>
/// No pile-ups: a duty stays at the end of its period while that day has room under the limit, otherwise moves to an
/// earlier month's end, then to the 15th. Dates worked by hand from the 2027 calendar.
/// </summary>
[Trait("Category", "Fast")]
public sealed class DuePlacementTests
{
    private static readonly PersonId Manager = new("7d0a5a4e-0c1f-4a39-9a55-0d0c2b1f0001");
    private static readonly PersonId Report = new("7d0a5a4e-0c1f-4a39-9a55-0d0c2b1f00a1");

    private static List<DateOnly> Due(ScheduleEngine engine, DutyId duty, RoleId role) =>
        engine.OccurrencesFor(new RoleHolding(Manager, role, new DateOnly(2024, 1, 1), [Report]), new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31))
            .Where(o => o.DutyId == duty)
            .Select(o => o.Due)
            .ToList();

    private static ScheduleEngine Engine(SchedulePolicy policy) => new(SampleFramework.Catalogue, SampleFramework.Calendar, policy);

    [Fact]
    public void Place_RoomAtTheEndOfEachPeriod_EveryDutyStaysThere()
    {
        var engine = Engine(SchedulePolicy.Default);

        Assert.Equal([new DateOnly(2027, 6, 30), new DateOnly(2027, 12, 31)], Due(engine, SampleFramework.MyPlan, SampleFramework.TeamManager));
        Assert.Equal(new DateOnly(2027, 2, 26), Due(engine, SampleFramework.ReflectiveCaseReview, SampleFramework.TeamManager)[0]);
    }

    [Fact]
    public void Place_TwoADayAllowed_MyPlanMovesToTheEndOfMayAndNovember()
    {
        // June's and December's last working days already hold the supervision and the bi-monthly review, so the
        // half-yearly My Plan goes to the latest earlier month's end with room: Monday 31 May 2027 is the spring bank
        // holiday, so Friday 28 May; then Tuesday 30 November.
        var engine = Engine(SchedulePolicy.Default with { MostDueOnOneDay = 2 });

        Assert.Equal([new DateOnly(2027, 5, 28), new DateOnly(2027, 11, 30)], Due(engine, SampleFramework.MyPlan, SampleFramework.TeamManager));
        Assert.Equal(new DateOnly(2027, 2, 26), Due(engine, SampleFramework.ReflectiveCaseReview, SampleFramework.TeamManager)[0]);
    }

    [Fact]
    public void Place_OneADay_MovesToTheFifteenthAndToTheWorkingDayBefore()
    {
        // Every month's end holds the monthly supervision: the bi-monthly review goes to the 15th of its second month
        // (Monday 15 February), and My Plan to the 15th of a month the review leaves free: 15 May 2027 is a
        // Saturday, so Friday 14 May; Monday 15 November.
        var engine = Engine(SchedulePolicy.Default with { MostDueOnOneDay = 1 });

        var reviews = Due(engine, SampleFramework.ReflectiveCaseReview, SampleFramework.TeamManager);
        Assert.Equal(new DateOnly(2027, 2, 15), reviews[0]);
        Assert.Equal(new DateOnly(2027, 4, 15), reviews[1]);
        Assert.Equal([new DateOnly(2027, 5, 14), new DateOnly(2027, 11, 15)], Due(engine, SampleFramework.MyPlan, SampleFramework.TeamManager));
        Assert.All(Due(engine, SampleFramework.Supervision, SampleFramework.TeamManager), d => Assert.True(d.Day >= 26));
    }

    [Fact]
    public void Place_LimitZero_EveryDutyAtTheEndOfItsPeriodAsBefore()
    {
        var engine = Engine(SchedulePolicy.Default with { MostDueOnOneDay = 0 });

        Assert.Equal([new DateOnly(2027, 6, 30), new DateOnly(2027, 12, 31)], Due(engine, SampleFramework.MyPlan, SampleFramework.TeamManager));
    }

    [Fact]
    public void Place_DueGivenByTheCouncil_KeptEvenOnACrowdedDay()
    {
        var policy = SchedulePolicy.Default with
        {
            MostDueOnOneDay = 1,
            Duties = new Dictionary<DutyId, DutySchedule> { [SampleFramework.MyPlan] = DutySchedule.Default },
        };

        Assert.Equal([new DateOnly(2027, 6, 30), new DateOnly(2027, 12, 31)], Due(Engine(policy), SampleFramework.MyPlan, SampleFramework.TeamManager));
    }

    [Fact]
    public void Place_ExecutiveDirectorInTheShippedFramework_NoMoreThanThreeItemsOnAnyDayOf2027()
    {
        var engine = new ScheduleEngine(ShippedFramework.Catalogue, ShippedFramework.Calendar, SchedulePolicy.Default);
        var holding = new RoleHolding(Manager, new RoleId("executive-director"), new DateOnly(2024, 1, 1), [Report]);

        var byDay = engine.OccurrencesFor(holding, new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31)).GroupBy(o => o.Due).ToList();

        Assert.True(byDay.Sum(g => g.Count()) > 35);
        Assert.All(byDay, day => Assert.True(day.Count() <= 3, $"{day.Count()} items due on {day.Key:ddd d MMM yyyy}: {string.Join(", ", day.Select(o => o.DutyId))}"));
        Assert.True(byDay.Count(d => d.Key.Month == 12) <= 3);
    }

    [Theory]
    [InlineData("month-of-period:7", 7, 0)]
    [InlineData("month-of-period:3:15", 3, 15)]
    public void TryParse_MonthOfPeriod_RoundTrips(string text, int month, int day)
    {
        Assert.True(DueRule.TryParse(text, out var rule, out _));
        Assert.Equal(new DueRule(DueRuleKind.MonthOfPeriod, month, day), rule);
        Assert.Equal(text, rule.ToString());
    }

    [Theory]
    [InlineData("month-of-period")]
    [InlineData("month-of-period:13")]
    [InlineData("month-of-period:2:32")]
    [InlineData("month-of-period:2:15:1")]
    public void TryParse_BadMonthOfPeriod_SaysWhatToGive(string text)
    {
        Assert.False(DueRule.TryParse(text, out _, out var problem));
        Assert.Contains("month of the period from 1 to 12", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void MonthOfPeriod_FinancialYearReportInJuly_DueOnTheLastWorkingDayOfJuly()
    {
        var policy = SchedulePolicy.Default with
        {
            Duties = new Dictionary<DutyId, DutySchedule>
            {
                [SampleFramework.MyPlan] = new DutySchedule(new DueRule(DueRuleKind.MonthOfPeriod, 4), YearBasis.Financial),
            },
        };

        // Financial half-years run April to September and October to March: the fourth months are July and January.
        Assert.Equal([new DateOnly(2027, 1, 29), new DateOnly(2027, 7, 30)], Due(Engine(policy), SampleFramework.MyPlan, SampleFramework.TeamManager));
    }
}
