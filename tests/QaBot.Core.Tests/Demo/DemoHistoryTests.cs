using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;
using QaBot.Core.Scheduling;
using QaBot.Core.Tests.Framework;
using QaBot.Core.Tracking;
using QaBot.Demo;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Demo;

[Trait("Category", "Fast")]
public sealed class DemoHistoryTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 20);

    private static readonly Lazy<(OrganisationChart Chart, IReadOnlyList<NewItem> Items)> Shared = new(() =>
    {
        var council = DemoCouncil.Create();
        var chart = DirectoryImportPlanner.Plan(new DirectoryImportInput(
            "demo people", council.People, "demo areas", council.Areas, ShippedCatalogue.Catalogue.Roles.Select(r => r.Id).ToHashSet(),
            DirectorySnapshot.Empty, Person.Sources.Demo, AsOf, OrganisationPolicy.Default)).Desired!;
        return (chart, DemoHistory.Create(chart, Engine(), AsOf));
    });

    private static ScheduleEngine Engine() => new(ShippedCatalogue.Catalogue, SampleFramework.Calendar, SchedulePolicy.Default);

    [Fact]
    public void Create_SameDate_GivesTheSameHistory()
    {
        var again = DemoHistory.Create(Shared.Value.Chart, Engine(), AsOf);

        Assert.Equal(Shared.Value.Items.Select(i => i.Current), again.Select(i => i.Current), new SameItem());
    }

    [Fact]
    public void Create_NewlyQualifiedSocialWorkers_SupervisedWeeklyThenFortnightlyFromTheirStart()
    {
        var chart = Shared.Value.Chart;
        var asye = chart.ActivePeople.Where(p => p.JobTitle.Contains("ASYE", StringComparison.Ordinal)).ToList();
        var items = Shared.Value.Items.Select(i => i.Current).Where(i => i.Duty.Value == "team-manager-supervision").ToList();

        Assert.InRange(asye.Count, 3, 30);
        Assert.All(asye, p => Assert.InRange(p.StartDate, new DateOnly(2026, 6, 1), AsOf));
        foreach (var person in asye)
        {
            var theirs = items.Where(i => i.Concerns == person.Id).OrderBy(i => i.Due).ToList();
            Assert.Contains(theirs, i => i.Id.Value.Contains(".first-", StringComparison.Ordinal));
            Assert.Contains(theirs, i => i.Id.Value.Contains(".wk-", StringComparison.Ordinal));
            Assert.All(theirs, i => Assert.True(i.Due > person.StartDate));
        }

        // And every head of service and director supervises the managers who report to them.
        var heads = chart.ActivePeople.Where(p => p.JobTitle.StartsWith("Head of", StringComparison.Ordinal) && chart.ReportsOf(p.Id).Any()).ToList();
        Assert.NotEmpty(heads);
        Assert.All(heads, h => Assert.Contains(Shared.Value.Items, i => i.Current.Owner == h.Id && i.Current.Duty.Value == "manager-supervision"));
    }

    [Fact]
    public void Create_PastObligations_MostlyDoneSomeRescheduledSomeOverdue()
    {
        var past = Shared.Value.Items.Select(i => i.Current).Where(i => i.Due < AsOf).ToList();

        Assert.InRange(past.Count, 1_000, 20_000);
        Assert.InRange(past.Count(i => i.Status == ItemStatus.Done) / (double)past.Count, 0.7, 0.9);
        Assert.Contains(past, i => i.Status == ItemStatus.Rescheduled);
        Assert.Contains(past, i => i.Status == ItemStatus.NotApplicable);
        Assert.Contains(past, i => i.NudgeCount > 0);
        Assert.InRange(past.Count(i => ShippedFramework.Rules.IsOverdue(i, AsOf)) / (double)past.Count, 0.05, 0.2);
    }

    [Fact]
    public void Create_EveryDivisionHasOverdueItems()
    {
        var tree = Shared.Value.Chart.Areas;
        var overdue = Shared.Value.Items.Select(i => i.Current).Where(i => ShippedFramework.Rules.IsOverdue(i, AsOf)).ToList();

        foreach (var division in tree.Children(tree.Root!.Id))
        {
            Assert.Contains(overdue, i => i.Area.IsWithin(division.Id));
        }
    }

    [Fact]
    public void Create_NothingHappensAfterTheAsOfDate()
    {
        var replies = Shared.Value.Items.SelectMany(i => i.History).Select(c => c.Audit.At).ToList();

        Assert.All(replies, at => Assert.True(SampleFramework.Calendar.LocalDateOf(at) < AsOf));
        Assert.All(Shared.Value.Items.Select(i => i.Current).Where(i => i.Due >= AsOf), i => Assert.Equal(ItemStatus.Open, i.Status));
    }

    [Fact]
    public void Create_EachItemsHistory_IsValidAndKeptInItsOwnersArea()
    {
        foreach (var item in Shared.Value.Items)
        {
            item.Validate();
            Assert.Equal(Shared.Value.Chart.Find(item.Current.Owner)!.HomeArea, item.Current.Area);
        }
    }

    private sealed class SameItem : IEqualityComparer<TrackedItem>
    {
        public bool Equals(TrackedItem? x, TrackedItem? y) => x is not null && y is not null && x.SameAs(y);

        public int GetHashCode(TrackedItem obj) => obj.Id.GetHashCode();
    }
}
