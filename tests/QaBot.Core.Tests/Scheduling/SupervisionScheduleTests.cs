using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tests.Framework;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Scheduling;

/// <summary>
/// Supervision for every manager, new starters and the ASYE plan, against the shipped catalogue, with the dates worked
/// by hand from the calendar (Christmas 2026: Friday 25 December, and Monday 28 December for Boxing Day; spring bank
/// holiday 2027: Monday 31 May).
/// </summary>
[Trait("Category", "Fast")]
public sealed class SupervisionScheduleTests
{
    private static readonly PersonId Manager = new("7d0a5a4e-0c1f-4a39-9a55-0d0c2b1f0001");
    private static readonly PersonId Starter = new("7d0a5a4e-0c1f-4a39-9a55-0d0c2b1f0002");
    private static readonly DutyId Supervision = new("team-manager-supervision");
    private static readonly DutyId MyPlan = new("team-manager-my-plan-pdr");
    private static readonly RoleId TeamManager = new("team-manager");

    private static ScheduleEngine Engine() => new(ShippedCatalogue.Catalogue, SampleFramework.Calendar, SchedulePolicy.Default);

    private static RoleHolding Holding(DateOnly started, SupervisionPlan? plan, int firstWithin) =>
        new(Manager, TeamManager, new DateOnly(2020, 1, 6), [Starter])
        {
            Supervisees = new Dictionary<PersonId, Supervisee> { [Starter] = new(started, plan, firstWithin) },
        };

    private static List<Occurrence> Of(IEnumerable<Occurrence> occurrences, DutyId duty) =>
        [.. occurrences.Where(o => o.DutyId == duty && o.Concerns == Starter).OrderBy(o => o.Due)];

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Asye_FirstThreeMonths_WeeklyForSixWeeksThenFortnightly()
    {
        // Started Monday 2 November 2026. First supervision 5 working days on: Monday 9 November. Weekly to six
        // weeks (14 December), then every two weeks: 28 December is a bank holiday and Christmas Day before it, so
        // that one falls on Thursday 24 December.
        var occurrences = Engine().OccurrencesFor(Holding(D(2026, 11, 2), SupervisionPlan.Asye, 5), D(2026, 11, 2), D(2027, 2, 1));

        var supervisions = Of(occurrences, Supervision);

        Assert.Equal(
            [D(2026, 11, 9), D(2026, 11, 16), D(2026, 11, 23), D(2026, 11, 30), D(2026, 12, 7), D(2026, 12, 14), D(2026, 12, 24), D(2027, 1, 11), D(2027, 1, 25)],
            supervisions.Select(o => o.Due));
        Assert.Equal($"team-manager-supervision.first-2026-11-02.{Manager}.{Starter}", supervisions[0].Id.Value);
        Assert.Equal($"team-manager-supervision.wk-2026-12-28.{Manager}.{Starter}", supervisions[6].Id.Value);
        Assert.Equal(D(2026, 11, 2), supervisions[0].WindowFrom);
        Assert.Equal(D(2026, 11, 10), supervisions[1].WindowFrom);
        Assert.All(supervisions, o => Assert.All(o.RemindAt, at => Assert.True(SampleFramework.Calendar.LocalDateOf(at) >= o.WindowFrom)));
        Assert.DoesNotContain(Of(occurrences, MyPlan), o => o.Due <= D(2026, 11, 9));
    }

    [Fact]
    public void Asye_AfterSixMonths_BackToMonthlyFromTheFirstMonthTwoWeeksOn()
    {
        // The fortnightly stage runs to 2 May 2027: its last date is Monday 19 April. April's month end (30 April) is
        // too close, so monthly supervision resumes in May: Friday 28 May (31 May is a bank holiday), 30 June, 30 July.
        var occurrences = Engine().OccurrencesFor(Holding(D(2026, 11, 2), SupervisionPlan.Asye, 5), D(2027, 4, 1), D(2027, 7, 31));

        Assert.Equal(
            [D(2027, 4, 5), D(2027, 4, 19), D(2027, 5, 28), D(2027, 6, 30), D(2027, 7, 30)],
            Of(occurrences, Supervision).Select(o => o.Due));
        Assert.Equal($"team-manager-supervision.2027-05.{Manager}.{Starter}", Of(occurrences, Supervision)[2].Id.Value);
    }

    [Fact]
    public void NewStarter_FirstSupervisionTenWorkingDaysOn_ThenTheMonthsAtLeastTwoWeeksLater()
    {
        // Started Wednesday 9 December 2026: ten working days on is Wednesday 23 December. December's month end is
        // too close to it, so the next is January's (Friday 29 January 2027).
        var occurrences = Engine().OccurrencesFor(Holding(D(2026, 12, 9), null, 10), D(2026, 12, 1), D(2027, 2, 28));

        Assert.Equal([D(2026, 12, 23), D(2027, 1, 29), D(2027, 2, 26)], Of(occurrences, Supervision).Select(o => o.Due));
        Assert.DoesNotContain(Of(occurrences, MyPlan), o => o.Due <= D(2026, 12, 23));
    }

    [Fact]
    public void LongStandingReport_SupervisedMonthlyAsBefore()
    {
        var engine = Engine();
        var known = engine.OccurrencesFor(Holding(D(2012, 3, 5), null, 10), D(2026, 9, 1), D(2026, 12, 31));
        var preview = engine.OccurrencesFor(new RoleHolding(Manager, TeamManager, new DateOnly(2020, 1, 6), [Starter]), D(2026, 9, 1), D(2026, 12, 31));

        Assert.Equal(preview.Select(o => (o.Id, o.Due)), known.Select(o => (o.Id, o.Due)));
    }

    [Fact]
    public void Plan_OpenEndedLastStage_NeverReturnsToMonthly()
    {
        var fortnightly = new SupervisionPlan("Fortnightly", [], [], [new SupervisionStage(2)]);

        var occurrences = Engine().OccurrencesFor(Holding(D(2025, 1, 6), fortnightly, 10), D(2026, 11, 1), D(2026, 11, 30));

        // Every 14 days from Monday 6 January 2025: 5 January 2026 is 26 fortnights on, and 22 more is 9 November.
        Assert.Equal([D(2026, 11, 9), D(2026, 11, 23)], Of(occurrences, Supervision).Select(o => o.Due));
    }

    [Fact]
    public void PolicyPlanFor_MatchesJobTitleWordsOrRoles_FirstWins()
    {
        var cp = new SupervisionPlan("CP", [], [new RoleId("iro-cp-chair")], [new SupervisionStage(2)]);
        var policy = new SupervisionPolicy(10, [SupervisionPlan.Asye, cp]);
        Person Someone(string title, params RoleId[] roles) => TestDirectory.NewPerson(20, TestDirectory.ChesterfieldTeam1, null, roles) with { JobTitle = title };

        Assert.Same(SupervisionPlan.Asye, policy.PlanFor(Someone("Social Worker (ASYE)"), D(2026, 12, 1)));
        Assert.Same(SupervisionPlan.Asye, policy.PlanFor(Someone("Newly Qualified Social Worker", new RoleId("iro-cp-chair")), D(2026, 12, 1)));
        Assert.Same(cp, policy.PlanFor(Someone("Child Protection Chair", new RoleId("iro-cp-chair")), D(2026, 12, 1)));
        Assert.Null(policy.PlanFor(Someone("Senior Practitioner"), D(2026, 12, 1)));
        Assert.Equal(new Supervisee(new DateOnly(2024, 4, 1), null, 10), policy.SuperviseeOf(Someone("Senior Practitioner"), D(2026, 12, 1)));
        Assert.Equal(5, policy.SuperviseeOf(Someone("ASYE Social Worker"), D(2026, 12, 1)).FirstWithinWorkingDays);
    }

    [Theory]
    [InlineData("team-manager-supervision.first-2026-11-02.a.b", "First supervision")]
    [InlineData("manager-supervision.wk-2026-11-16.a.b", "Supervision")]
    [InlineData("team-manager-supervision.2026-11.a.b", null)]
    [InlineData("team-manager-my-plan-pdr.2026-h2.a.b", null)]
    [InlineData("case-audit.2026-12-neglect.c1.LA_2F1", null)]
    public void TitleOf_PlanAndFirstSupervisions_ReadAsSuchNotAsMonthly(string id, string? title)
    {
        Assert.Equal(title, SupervisionPolicy.TitleOf(new OccurrenceId(id)));
    }

    [Fact]
    public void Engine_PlanNamingAnUnknownRole_IsRefused()
    {
        var policy = SchedulePolicy.Default with
        {
            Supervision = new SupervisionPolicy(10, [new SupervisionPlan("X", [], [new RoleId("no-such-role")], [])]),
        };

        var e = Assert.Throws<ArgumentException>(() => new ScheduleEngine(ShippedCatalogue.Catalogue, SampleFramework.Calendar, policy));
        Assert.Contains("Schedule:Supervision:Plans names roles that are not in the framework catalogue: no-such-role", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Holdings_EveryManagerWithoutAPerReportRole_HoldsAllManagersForTheirReports()
    {
        // The test directory's head of service (3) and directors (1, 2, 10) hold no role owing supervision per person
        // managed; its team managers (4, 5) do; the head of SEND (11) manages nobody.
        var holdings = ReminderPlanner.Holdings(TestDirectory.Chart, Engine(), D(2026, 12, 1)).ToList();
        var allManagers = new RoleId("all-managers");

        var byPerson = holdings.Where(h => h.Role == allManagers).ToDictionary(h => h.Person);
        Assert.Equal(
            new[] { 1, 2, 3, 10 }.Select(TestDirectory.Id).OrderBy(p => p.Value, StringComparer.Ordinal),
            byPerson.Keys.OrderBy(p => p.Value, StringComparer.Ordinal));
        Assert.Equal([TestDirectory.Id(4), TestDirectory.Id(5)], byPerson[TestDirectory.Id(3)].DirectReports);
        Assert.Equal(new DateOnly(2024, 4, 1), byPerson[TestDirectory.Id(3)].Since);
        Assert.NotNull(byPerson[TestDirectory.Id(3)].Supervisees);
        Assert.DoesNotContain(holdings, h => h.Role == allManagers && h.Person == TestDirectory.Id(4));

        var supervisions = Engine().Window(D(2026, 12, 1), D(2026, 12, 31)).OccurrencesFor(byPerson[TestDirectory.Id(3)]);
        Assert.Equal(
            [$"manager-supervision.2026-12.{TestDirectory.Id(3)}.{TestDirectory.Id(4)}", $"manager-supervision.2026-12.{TestDirectory.Id(3)}.{TestDirectory.Id(5)}"],
            supervisions.Where(o => o.DutyId.Value == "manager-supervision").Select(o => o.Id.Value));
    }

    [Fact]
    public void Holdings_TeamManagerRoleEnded_AllManagersFromTheDayItEnded()
    {
        var people = TestDirectory.People.Select(p => p.Id == TestDirectory.Id(4)
            ? p with { Roles = [new RoleAssignment(TeamManager, new DateOnly(2024, 4, 1), new DateOnly(2026, 10, 1)), new RoleAssignment(new RoleId("all-staff"), new DateOnly(2024, 4, 1))] }
            : p);
        var chart = new OrganisationChart(TestDirectory.Tree, people, TestDirectory.Policy);

        var holdings = ReminderPlanner.Holdings(chart, Engine(), D(2026, 12, 1)).Where(h => h.Person == TestDirectory.Id(4)).ToList();

        Assert.Equal(new DateOnly(2026, 9, 30), holdings.Single(h => h.Role == TeamManager).Until);
        Assert.Equal(new DateOnly(2026, 10, 1), holdings.Single(h => h.Role.Value == "all-managers").Since);
    }
}
