using QaBot.Application.Configuration;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Scheduling;

/// <summary>Dates worked out by hand from the calendar, then checked against the engine.</summary>
[Trait("Category", "Fast")]
public sealed class ScheduleEngineExampleTests
{
    private static readonly PersonId Manager = new("7d0a5a4e-0c1f-4a39-9a55-0d0c2b1f0001");
    private static readonly PersonId ReportA = new("7d0a5a4e-0c1f-4a39-9a55-0d0c2b1f00a1");
    private static readonly PersonId ReportB = new("7d0a5a4e-0c1f-4a39-9a55-0d0c2b1f00b2");

    private static ScheduleEngine Engine(SchedulePolicy? policy = null) =>
        new(SampleFramework.Catalogue, SampleFramework.Calendar, policy ?? SchedulePolicy.Default);

    private static DateTimeOffset Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OccurrencesFor_SupervisionInAugust2026_DueFridayBeforeTheBankHolidayMonthEndForEachReport()
    {
        // August 2026 ends on Monday 31st, the Summer bank holiday; 29th and 30th are the weekend: due Friday 28th.
        // Five working days before: 27, 26, 25, 24, 21 August. BST, so 09:00 local is 08:00 UTC.
        var holding = new RoleHolding(Manager, SampleFramework.TeamManager, new DateOnly(2024, 1, 1), [ReportA, ReportB]);

        var supervisions = Engine().OccurrencesFor(holding, new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 31))
            .Where(o => o.DutyId == SampleFramework.Supervision)
            .ToList();

        Assert.Equal(2, supervisions.Count);
        Assert.Equal([ReportA, ReportB], supervisions.Select(o => o.Concerns!.Value).OrderBy(p => p.Value, StringComparer.Ordinal));
        Assert.All(supervisions, o =>
        {
            Assert.Equal(new DateOnly(2026, 8, 28), o.Due);
            Assert.Equal(new DateOnly(2026, 8, 1), o.WindowFrom);
            Assert.Equal(new DateOnly(2026, 8, 31), o.WindowTo);
            Assert.Equal([Utc(2026, 8, 21, 8), Utc(2026, 8, 28, 8)], o.RemindAt);
            Assert.False(o.Provisional);
            Assert.Equal(Manager, o.PersonId);
        });
        Assert.Equal($"team-manager-supervision.2026-08.{Manager}.{ReportA}", supervisions.Single(o => o.Concerns == ReportA).Id.Value);
    }

    [Fact]
    public void OccurrencesFor_SupervisionInDecember2025_FirstReminderCountsBackOverChristmas()
    {
        // Due Wednesday 31 Dec 2025. Five working days back: 30, 29, (27-28 weekend, 25-26 bank holidays) 24, 23, 22.
        var holding = new RoleHolding(Manager, SampleFramework.TeamManager, new DateOnly(2024, 1, 1), [ReportA]);

        var supervision = Engine().OccurrencesFor(holding, new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 31))
            .Single(o => o.DutyId == SampleFramework.Supervision);

        Assert.Equal(new DateOnly(2025, 12, 31), supervision.Due);
        Assert.Equal([Utc(2025, 12, 22, 9), Utc(2025, 12, 31, 9)], supervision.RemindAt);
    }

    [Fact]
    public void OccurrencesFor_SupervisionInMay2026_ReminderSkipsSpringBankHoliday()
    {
        // May 2026 ends on Sunday 31st: due Friday 29th. Back five: 28, 27, 26, (25 bank holiday) 22, 21.
        var holding = new RoleHolding(Manager, SampleFramework.TeamManager, new DateOnly(2024, 1, 1), [ReportA]);

        var supervision = Engine().OccurrencesFor(holding, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31))
            .Single(o => o.DutyId == SampleFramework.Supervision);

        Assert.Equal(new DateOnly(2026, 5, 29), supervision.Due);
        Assert.Equal([Utc(2026, 5, 21, 8), Utc(2026, 5, 29, 8)], supervision.RemindAt);
    }

    [Fact]
    public void OccurrencesFor_CmeLineOfSightIn2025To26_OnePerHalfTermOnItsLastTermDay()
    {
        var director = new RoleHolding(Manager, SampleFramework.DirectorSchools, new DateOnly(2024, 1, 1), []);

        var meetings = Engine().OccurrencesFor(director, new DateOnly(2025, 9, 1), new DateOnly(2026, 8, 31))
            .Where(o => o.DutyId == SampleFramework.CmeLineOfSight)
            .ToList();

        // Due on the last day of each half-term; first reminder five working days before; 09:00 local
        // (08:00 UTC in BST: before 26 Oct 2025 and after 29 Mar 2026).
        var expected = new (DateOnly Due, DateOnly From, DateOnly To, DateTimeOffset First, DateTimeOffset OnDue)[]
        {
            (new(2025, 10, 24), new(2025, 9, 4), new(2025, 10, 24), Utc(2025, 10, 17, 8), Utc(2025, 10, 24, 8)),
            (new(2025, 12, 19), new(2025, 11, 3), new(2025, 12, 19), Utc(2025, 12, 12, 9), Utc(2025, 12, 19, 9)),
            (new(2026, 2, 13), new(2026, 1, 5), new(2026, 2, 13), Utc(2026, 2, 6, 9), Utc(2026, 2, 13, 9)),
            (new(2026, 3, 27), new(2026, 2, 23), new(2026, 3, 27), Utc(2026, 3, 20, 9), Utc(2026, 3, 27, 9)),
            (new(2026, 5, 22), new(2026, 4, 13), new(2026, 5, 22), Utc(2026, 5, 15, 8), Utc(2026, 5, 22, 8)),
            (new(2026, 7, 23), new(2026, 6, 1), new(2026, 7, 23), Utc(2026, 7, 16, 8), Utc(2026, 7, 23, 8)),
        };
        Assert.Equal(expected.Length, meetings.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Due, meetings[i].Due);
            Assert.Equal(expected[i].From, meetings[i].WindowFrom);
            Assert.Equal(expected[i].To, meetings[i].WindowTo);
            Assert.Equal([expected[i].First, expected[i].OnDue], meetings[i].RemindAt);
            Assert.False(meetings[i].Provisional);
            Assert.Equal($"director-schools-cme-line-of-sight.2025-26-ht{i + 1}.{Manager}", meetings[i].Id.Value);
        }
    }

    [Fact]
    public void OccurrencesFor_ProvisionalSchoolYear_MarksOccurrencesProvisional()
    {
        var director = new RoleHolding(Manager, SampleFramework.DirectorSchools, new DateOnly(2024, 1, 1), []);

        var meetings = Engine().OccurrencesFor(director, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 31));

        Assert.Contains(meetings, o => o.DutyId == SampleFramework.CmeLineOfSight);
        Assert.All(meetings.Where(o => o.DutyId != new DutyId("director-schools-future-shape")), o => Assert.True(o.Provisional));
    }

    [Fact]
    public void OccurrencesFor_TermTimeMonthlyIntoSchoolYearWithoutData_ThrowsNamingYearAndFile()
    {
        var director = new RoleHolding(Manager, SampleFramework.DirectorSchools, new DateOnly(2024, 1, 1), []);

        var error = Assert.Throws<CalendarDataMissingException>(() =>
            Engine().OccurrencesFor(director, new DateOnly(2028, 6, 1), new DateOnly(2028, 10, 31)));

        Assert.Equal("2028/29", error.Year);
        Assert.Contains("school-terms.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OccurrencesFor_SuperviseeOwnDuty_IsMetBySupervisionAndProducesNothing()
    {
        var member = new RoleHolding(ReportA, SampleFramework.AllStaff, new DateOnly(2024, 1, 1), []);

        Assert.Empty(Engine().OccurrencesFor(member, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void OccurrencesFor_StatutoryAndNoCadenceDuties_ProduceNothing()
    {
        var iro = new RoleHolding(Manager, SampleFramework.Iro, new DateOnly(2024, 1, 1), []);

        Assert.Empty(Engine().OccurrencesFor(iro, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void OccurrencesFor_NoDirectReports_NoPerReportOccurrences()
    {
        var holding = new RoleHolding(Manager, SampleFramework.TeamManager, new DateOnly(2024, 1, 1), []);

        var occurrences = Engine().OccurrencesFor(holding, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        Assert.Equal([SampleFramework.ReflectiveCaseReview], occurrences.Select(o => o.DutyId).Distinct());
        Assert.Equal(6, occurrences.Count);
    }

    [Fact]
    public void OccurrencesFor_EightReports_EightSupervisionsAMonthAndTwoMyPlansAYearEach()
    {
        var reports = Enumerable.Range(1, 8).Select(i => new PersonId($"00000000-0000-4000-8000-{i:000000000000}")).ToList();
        var holding = new RoleHolding(Manager, SampleFramework.TeamManager, new DateOnly(2024, 1, 1), reports);

        var occurrences = Engine().OccurrencesFor(holding, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        Assert.Equal(96, occurrences.Count(o => o.DutyId == SampleFramework.Supervision));
        Assert.Equal(16, occurrences.Count(o => o.DutyId == SampleFramework.MyPlan));
        Assert.All(reports, r => Assert.Equal(12, occurrences.Count(o => o.DutyId == SampleFramework.Supervision && o.Concerns == r)));
        Assert.Equal(occurrences.Count, occurrences.Select(o => o.Id).Distinct().Count());
    }

    [Fact]
    public void OccurrencesFor_StartedMidMonth_NothingBeforeTheStartAndNothingWithoutNotice()
    {
        // Started Wed 23 Sep 2026: September's supervision is due Wed 30 Sep, only five working days later, so it is
        // owed (notice is five working days); a start on Thu 24 Sep would leave four, so September is not owed.
        var engine = Engine();
        var window = (new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 31));

        var fromWednesday = engine.OccurrencesFor(new RoleHolding(Manager, SampleFramework.TeamManager, new DateOnly(2026, 9, 23), [ReportA]), window.Item1, window.Item2)
            .Where(o => o.DutyId == SampleFramework.Supervision).ToList();
        var fromThursday = engine.OccurrencesFor(new RoleHolding(Manager, SampleFramework.TeamManager, new DateOnly(2026, 9, 24), [ReportA]), window.Item1, window.Item2)
            .Where(o => o.DutyId == SampleFramework.Supervision).ToList();

        Assert.Equal([new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 30)], fromWednesday.Select(o => o.Due));
        var september = fromWednesday[0];
        Assert.Equal(new DateOnly(2026, 9, 23), september.WindowFrom);
        Assert.Equal([Utc(2026, 9, 23, 8), Utc(2026, 9, 30, 8)], september.RemindAt); // five working days before is the start day itself
        Assert.Equal([new DateOnly(2026, 10, 30)], fromThursday.Select(o => o.Due));
    }

    [Fact]
    public void OccurrencesFor_RoleEnds_NothingDueAfterTheLastDay()
    {
        var holding = new RoleHolding(Manager, SampleFramework.TeamManager, new DateOnly(2024, 1, 1), [ReportA], Until: new DateOnly(2026, 3, 15));

        var dues = Engine().OccurrencesFor(holding, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31))
            .Where(o => o.DutyId == SampleFramework.Supervision).Select(o => o.Due).ToList();

        Assert.Equal([new DateOnly(2026, 1, 30), new DateOnly(2026, 2, 27)], dues);
    }

    [Fact]
    public void OccurrencesFor_LocalityScrutinyTwiceAMonth_MidMonthAndMonthEnd()
    {
        var holding = new RoleHolding(Manager, new RoleId("heads-of-service-ehs"), new DateOnly(2024, 1, 1), []);

        var dues = Engine().OccurrencesFor(holding, new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 31))
            .Where(o => o.DutyId == SampleFramework.LocalityScrutiny).Select(o => (o.Due, o.WindowFrom, o.WindowTo)).ToList();

        // 15 Aug 2026 is a Saturday: due Friday 14th; the month end is the bank holiday Monday 31st: due Friday 28th.
        Assert.Equal(
            [(new DateOnly(2026, 8, 14), new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 15)), (new DateOnly(2026, 8, 28), new DateOnly(2026, 8, 16), new DateOnly(2026, 8, 31))],
            dues);
    }

    [Fact]
    public void OccurrencesFor_DueOnTheFirstAcrossYearEnd_CountsByPeriodNotByDueYear()
    {
        // With "day-of-period:1", January 2027's supervision falls on Friday 1 Jan 2027 (a bank holiday) and moves
        // back to Thursday 31 Dec 2026; January 2028's falls on Saturday 1 Jan 2028 and moves back to Friday 31 Dec
        // 2027. Each is still its January's occurrence, so 2027 has its twelve.
        var options = new ScheduleOptions();
        options.Duties[SampleFramework.Supervision.Value] = new DutyScheduleOptions { Due = "day-of-period:1" };
        var holding = new RoleHolding(Manager, SampleFramework.TeamManager, new DateOnly(2024, 1, 1), [ReportA]);

        var supervisions = Engine(options.ToPolicy()).OccurrencesFor(holding, new DateOnly(2026, 12, 1), new DateOnly(2028, 6, 30))
            .Where(o => o.DutyId == SampleFramework.Supervision).ToList();

        Assert.Equal(new DateOnly(2026, 12, 31), supervisions.Single(o => o.Id.Value.Contains(".2027-01.", StringComparison.Ordinal)).Due);
        Assert.Equal(new DateOnly(2027, 12, 31), supervisions.Single(o => o.Id.Value.Contains(".2028-01.", StringComparison.Ordinal)).Due);
        Assert.Equal(12, supervisions.Count(o => o.Id.Value.Contains(".2027-", StringComparison.Ordinal)));
        Assert.Equal(2, supervisions.Count(o => o.Due.Year == 2026));
    }

    [Fact]
    public void OccurrencesFor_QuarterlyOnTheFinancialYear_QuartersStartInApril()
    {
        var options = new ScheduleOptions();
        options.Duties["head-pqp-reg44-themes"] = new DutyScheduleOptions { Year = YearBasis.Financial, Due = "working-days-after-period:10" };
        var holding = new RoleHolding(Manager, new RoleId("head-performance-quality"), new DateOnly(2024, 1, 1), []);

        var reports = Engine(options.ToPolicy()).OccurrencesFor(holding, new DateOnly(2026, 4, 1), new DateOnly(2027, 3, 31))
            .Where(o => o.DutyId == new DutyId("head-pqp-reg44-themes")).ToList();

        // Q4 of 2025/26 (Jan-Mar 2026) is due ten working days after 31 March: 1, 2, (3 Good Friday, 6 Easter Monday)
        // 7, 8, 9, 10, 13, 14, 15, 16 April 2026; Q1 (Apr-Jun) ten working days after 30 June: 14 July.
        Assert.Equal("fy2025-26-q4", reports[0].Id.Value.Split('.')[1]);
        Assert.Equal(new DateOnly(2026, 4, 16), reports[0].Due);
        Assert.Equal(new DateOnly(2026, 1, 1), reports[0].WindowFrom);
        Assert.Equal(new DateOnly(2026, 4, 16), reports[0].WindowTo);
        Assert.Equal(new DateOnly(2026, 7, 14), reports[1].Due);
        Assert.Equal(4, reports.Count);
    }

    [Fact]
    public void Engine_PolicyNamesUnknownDuty_IsRefused()
    {
        var options = new ScheduleOptions();
        options.Duties["no-such-duty"] = new DutyScheduleOptions { Due = "first-working-day" };

        var error = Assert.Throws<ArgumentException>(() => Engine(options.ToPolicy()));

        Assert.Contains("no-such-duty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OccurrencesFor_UnknownRole_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Engine().OccurrencesFor(
            new RoleHolding(Manager, new RoleId("no-such-role"), new DateOnly(2024, 1, 1), []), new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)));

    [Fact]
    public void OccurrencesFor_ReportListedTwice_IsRefused()
    {
        var holding = new RoleHolding(Manager, SampleFramework.TeamManager, new DateOnly(2024, 1, 1), [ReportA, ReportA]);

        var error = Assert.Throws<ArgumentException>(() => Engine().OccurrencesFor(holding, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)));

        Assert.Contains("listed twice", error.Message, StringComparison.Ordinal);
    }
}
