using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Tests.Framework;
using QaBot.Testing.Data;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Scheduling;

/// <summary>The engine against the framework catalogue as shipped (Data/framework.yaml).</summary>
[Trait("Category", "Fast")]
public sealed class ShippedCatalogueScheduleTests
{
    private static readonly PersonId Person = new("7d0a5a4e-0c1f-4a39-9a55-0d0c2b1f0001");
    private static readonly PersonId[] Reports =
        [.. Enumerable.Range(1, 8).Select(i => new PersonId($"7d0a5a4e-0c1f-4a39-9a55-{i:000000000000}"))];

    private static ScheduleEngine Engine() => new(ShippedCatalogue.Catalogue, SampleFramework.Calendar, SchedulePolicy.Default);

    [Fact]
    public void StatutoryRules_EveryRuleTheCatalogueNames_HasTimescales()
    {
        var rules = ShippedData.LoadStatutoryRules();
        var named = ShippedCatalogue.Catalogue.Duties.Select(d => d.Rhythm).OfType<StatutoryRhythm>().SelectMany(r => r.RuleIds)
            .Concat(ShippedCatalogue.Catalogue.StatutoryRules.Select(r => r.Id))
            .Distinct();

        Assert.All(named, id => Assert.NotNull(rules.Find(id)));
    }

    [Fact]
    public void OccurrencesFor_EveryRoleThroughTheSchoolYear_DueOnWorkingDaysWithUniqueIds()
    {
        var engine = Engine();
        var window = engine.Window(new DateOnly(2025, 9, 1), new DateOnly(2026, 8, 31));

        foreach (var role in ShippedCatalogue.Catalogue.Roles)
        {
            var occurrences = window.OccurrencesFor(new RoleHolding(Person, role.Id, new DateOnly(2024, 1, 1), Reports));

            Assert.All(occurrences, o => Assert.True(SampleFramework.Calendar.IsWorkingDay(o.Due), $"{o.Id} due {o.Due}"));
            Assert.Equal(occurrences.Count, occurrences.Select(o => o.Id).Distinct().Count());
        }
    }

    [Fact]
    public void OccurrencesFor_ExecutiveDirector_MakesNoFollowUpVisitsOnTheCalendar_TheyFollowLearningDaysHeld()
    {
        var visits = ShippedCatalogue.Catalogue.FindDuty(new DutyId("exec-director-learning-day-visits"))!;

        var occurrences = Engine().OccurrencesFor(new RoleHolding(Person, visits.RoleId, new DateOnly(2024, 1, 1), []), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        Assert.True(visits.FollowsLearningDays);
        Assert.Equal(6, visits.Rhythm.PerYear);
        Assert.DoesNotContain(occurrences, o => o.DutyId == visits.Id);
        Assert.Contains(occurrences, o => o.DutyId == new DutyId("exec-director-audit-scrutiny"));
        Assert.Equal([visits.Id], ShippedCatalogue.Catalogue.Duties.Where(d => d.FollowsLearningDays).Select(d => d.Id));
    }

    [Fact]
    public void OccurrencesFor_ExecutiveDirector_MakesNoProgrammeItemsOnTheCalendar_EachIsPlannedInTheirProgramme()
    {
        var programmes = ShippedCatalogue.Catalogue.Duties.Where(d => d.FollowsProgramme).ToList();

        var occurrences = Engine().OccurrencesFor(new RoleHolding(Person, new RoleId("executive-director"), new DateOnly(2024, 1, 1), []), new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31));

        // Every "Annual programme of visits" and "Annual programme of meetings" in section 3.0, each measured against four a year.
        Assert.Equal(
            ["member-monitor-performance", "exec-director-front-line-visits", "exec-director-performance-scrutiny", "service-director-front-line-visits", "service-director-performance-scrutiny", "director-sl-future-shape-education"],
            programmes.Select(d => d.Id.Value));
        Assert.All(programmes, d => Assert.Equal(4, d.Rhythm.PerYear));
        Assert.DoesNotContain(occurrences, o => programmes.Any(d => d.Id == o.DutyId));
        Assert.Equal(ShippedCatalogue.Catalogue.Duties.Where(d => d.Frequency.StartsWith("Annual programme of", StringComparison.Ordinal)).Select(d => d.Id), programmes.Select(d => d.Id));
    }

    [Fact]
    public void OccurrencesFor_TeamManagerWithEightReports_SupervisionMonthlyAndMyPlanTwiceAYearEach()
    {
        var catalogue = ShippedCatalogue.Catalogue;
        var perReport = catalogue.FindRole(new RoleId("team-manager"))!.Duties.Where(d => d.PerReport).ToList();

        var occurrences = Engine().OccurrencesFor(new RoleHolding(Person, new RoleId("team-manager"), new DateOnly(2024, 1, 1), Reports), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        Assert.Equal(2, perReport.Count);
        Assert.Equal(96, occurrences.Count(o => o.DutyId == perReport.Single(d => d.Rhythm.PerYear == 12).Id));
        Assert.Equal(16, occurrences.Count(o => o.DutyId == perReport.Single(d => d.Rhythm.PerYear == 2).Id));
        Assert.All(occurrences.Where(o => perReport.Any(d => d.Id == o.DutyId)), o => Assert.Contains(o.Concerns!.Value, Reports));
    }

    [Fact]
    public void OccurrencesFor_AllStaff_OwnSupervisionIsMetByTheManagersRecord()
    {
        var allStaff = ShippedCatalogue.Catalogue.FindRole(new RoleId("all-staff"))!;
        Assert.Contains(allStaff.Duties, d => d.MetBy.Count > 0);

        Assert.Empty(Engine().OccurrencesFor(new RoleHolding(Person, allStaff.Id, new DateOnly(2024, 1, 1), []), new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void OccurrencesFor_CmeLineOfSight2025To26_DueOnTheLastDayOfEachHalfTerm()
    {
        var cme = new DutyId("director-sl-chair-cme-line-of-sight");

        var dues = Engine().OccurrencesFor(new RoleHolding(Person, new RoleId("director-schools-learning"), new DateOnly(2024, 1, 1), []), new DateOnly(2025, 9, 1), new DateOnly(2026, 8, 31))
            .Where(o => o.DutyId == cme).Select(o => o.Due);

        Assert.Equal(
            [new DateOnly(2025, 10, 24), new DateOnly(2025, 12, 19), new DateOnly(2026, 2, 13), new DateOnly(2026, 3, 27), new DateOnly(2026, 5, 22), new DateOnly(2026, 7, 23)],
            dues);
    }

    [Fact]
    public void StatutoryOccurrences_LookedAfterChildForTheIro_DueOnEachDeadlineWithReminders()
    {
        var rules = ShippedData.LoadStatutoryRules();
        var iroDuty = ShippedCatalogue.Catalogue.FindRole(new RoleId("iro-cp-chair"))!.Duties.Single(d => d.Rhythm is StatutoryRhythm);

        var occurrences = Engine().StatutoryOccurrences(Person, iroDuty.Id, rules.Find("cla-review")!, CaseReference.Parse("CR-1029"), new DateOnly(2025, 12, 22), 2);

        Assert.Equal([new DateOnly(2026, 1, 22), new DateOnly(2026, 4, 22)], occurrences.Select(o => o.Due));
        Assert.Equal([new DateOnly(2025, 12, 22), new DateOnly(2026, 1, 22)], occurrences.Select(o => o.WindowFrom));
        Assert.Equal("cla-review.CR-1029.2025-12-22.1", occurrences[0].Id.Value);
        Assert.Equal(
            [new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 22, 9, 0, 0, TimeSpan.Zero)],
            occurrences[0].RemindAt);
        Assert.All(occurrences, o => Assert.Equal(iroDuty.Id, o.DutyId));
    }

    [Fact]
    public void StatutoryOccurrences_DutyNotFollowingTheRule_IsRefused()
    {
        var rules = ShippedData.LoadStatutoryRules();

        Assert.Throws<ArgumentException>(() => Engine().StatutoryOccurrences(
            Person, new DutyId("team-manager-supervision"), rules.Find("cla-review")!, CaseReference.Parse("CR-1029"), new DateOnly(2025, 12, 22), 2));
    }
}
