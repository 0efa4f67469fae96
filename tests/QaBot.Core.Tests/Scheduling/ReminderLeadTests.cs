using QaBot.Core.Framework;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.Data;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Core.Tests.Scheduling;

/// <summary>
/// Lead times that fit the duty, with the shipped catalogue and calendar: monthly duties and statutory deadlines five
/// working days ahead, quarterly ten, twice-yearly and yearly twenty, each a setting, and a duty's own setting above
/// all. Dates worked by hand from the England and Wales bank holidays.
/// </summary>
[Trait("Category", "Fast")]
public sealed class ReminderLeadTests
{
    private static readonly FrameworkCatalogue Catalogue = ShippedData.LoadCatalogue().Catalogue!;
    private static readonly ScheduleRules Rules = new(ShippedData.LoadCalendar(), SchedulePolicy.Default, Catalogue);

    private static List<DateOnly> Days(DateOnly due, string duty) => Rules.Reminders(due, new DutyId(duty)).Select(r => r.Day).ToList();

    [Fact]
    public void Reminders_YearlyDutyDueThursday31December2026_TwentyWorkingDaysAheadSkippingChristmas()
    {
        // Back from Thu 31 Dec: 30, 29, (28 is the Boxing Day holiday, 25 Christmas Day, 26-27 a weekend) 24, 23, 22,
        // 21, 18, 17, 16, 15, 14, 11, 10, 9, 8, 7, 4, 3, 2, 1 December: the twentieth is Tuesday 1 December.
        Assert.Equal([new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)], Days(new DateOnly(2026, 12, 31), "exec-director-triad-challenge"));
    }

    [Fact]
    public void Reminders_TwiceYearlyDutyDueTuesday30June2026_TwentyWorkingDaysAhead()
    {
        // 29, 26, 25, 24, 23, 22, 19, 18, 17, 16, 15, 12, 11, 10, 9, 8, 5, 4, 3, 2 June.
        Assert.Equal([new DateOnly(2026, 6, 2), new DateOnly(2026, 6, 30)], Days(new DateOnly(2026, 6, 30), "exec-director-children-in-care-councils"));
    }

    [Fact]
    public void Reminders_QuarterlyDutyDueWednesday30September2026_TenWorkingDaysAhead()
    {
        // 29, 28, 25, 24, 23, 22, 21, 18, 17, 16 September.
        Assert.Equal([new DateOnly(2026, 9, 16), new DateOnly(2026, 9, 30)], Days(new DateOnly(2026, 9, 30), "member-children-in-care-councils"));
    }

    [Fact]
    public void Reminders_MonthlyDutyDueMonday30November2026_FiveWorkingDaysAhead()
    {
        Assert.Equal([new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30)], Days(new DateOnly(2026, 11, 30), "exec-director-casework-sampling"));
    }

    [Fact]
    public void Reminders_StatutoryDeadline_FiveWorkingDaysAheadLikeAMonthlyDuty()
    {
        // Friday 4 June 2027 after the spring bank holiday on Monday 31 May: 3, 2, 1 June, 28, 27 May.
        Assert.Equal([new DateOnly(2027, 5, 27), new DateOnly(2027, 6, 4)], Days(new DateOnly(2027, 6, 4), "iro-quality-assure-planning"));
    }

    [Fact]
    public void Reminders_DutyWithItsOwnSetting_FollowsItAboveItsRhythm()
    {
        var policy = SchedulePolicy.Default with
        {
            Duties = new Dictionary<DutyId, DutySchedule>
            {
                [new DutyId("exec-director-triad-challenge")] = DutySchedule.Default with { ReminderLeadWorkingDays = [40, 10, 0] },
            },
        };
        var rules = new ScheduleRules(ShippedData.LoadCalendar(), policy, Catalogue);

        var days = rules.Reminders(new DateOnly(2026, 9, 30), new DutyId("exec-director-triad-challenge")).Select(r => r.Day).ToList();

        // Ten working days back is Wed 16 Sep; forty is Tue 4 Aug, with the August bank holiday (Mon 31 Aug) skipped.
        Assert.Equal([new DateOnly(2026, 8, 4), new DateOnly(2026, 9, 16), new DateOnly(2026, 9, 30)], days);
    }

    [Fact]
    public void Reminders_LongerBandSetByTheCouncil_ReplacesOnlyThatBand()
    {
        var policy = SchedulePolicy.Default with
        {
            LongerRhythmLeads = new Dictionary<RhythmBand, IReadOnlyList<int>> { [RhythmBand.Yearly] = [15, 5, 0] },
        };
        var rules = new ScheduleRules(ShippedData.LoadCalendar(), policy, Catalogue);

        Assert.Equal([15, 5, 0], rules.LeadsFor(new DutyId("exec-director-triad-challenge")));
        Assert.Equal([5, 0], rules.LeadsFor(new DutyId("member-children-in-care-councils")));
        Assert.Equal([5, 0], rules.LeadsFor(new DutyId("exec-director-casework-sampling")));
    }

    [Fact]
    public void Compose_YearlyAndMonthlyItemsDueIn29Days_OnlyTheYearlyOneIsAlreadyInTheDigest()
    {
        var composer = new DigestComposer(Rules);
        var person = Chart.Find(Id(6))!;
        var yearly = TestItems.Open(TestItems.Id(1), person.Id, person.HomeArea, new DateOnly(2026, 12, 31), "exec-director-triad-challenge");
        var monthly = TestItems.Open(TestItems.Id(2), person.Id, person.HomeArea, new DateOnly(2026, 12, 31), "exec-director-casework-sampling");

        var digest = composer.Compose(person, new DateOnly(2026, 12, 2), [yearly, monthly], Chart, upcomingUntil: new DateOnly(2026, 12, 30));

        Assert.Equal(yearly.Id, Assert.Single(digest.OwnItems).Item.Id);
        Assert.Empty(digest.Upcoming); // the monthly item is due on the 31st, after the four weeks asked for
    }

    [Fact]
    public void Compose_UpcomingUntil_ListsOwnItemsAfterTheirWindowSoonestFirst()
    {
        var composer = new DigestComposer(Rules);
        var person = Chart.Find(Id(6))!;
        var asOf = new DateOnly(2026, 11, 20);
        TrackedItem Monthly(int n, DateOnly due) => TestItems.Open(TestItems.Id(n), person.Id, person.HomeArea, due, "exec-director-casework-sampling");
        var dueSoon = Monthly(1, new DateOnly(2026, 11, 27));
        var later = Monthly(2, new DateOnly(2026, 12, 18));
        var sooner = Monthly(3, new DateOnly(2026, 12, 4));
        var beyond = Monthly(4, new DateOnly(2026, 12, 21));
        var done = Monthly(5, new DateOnly(2026, 12, 10)) with { Status = ItemStatus.Done };

        var digest = composer.Compose(person, asOf, [dueSoon, later, sooner, beyond, done], Chart, upcomingUntil: asOf.AddDays(28));

        Assert.Equal(dueSoon.Id, Assert.Single(digest.OwnItems).Item.Id);
        Assert.Equal([sooner.Id, later.Id], digest.Upcoming.Select(i => i.Item.Id));
    }
}
