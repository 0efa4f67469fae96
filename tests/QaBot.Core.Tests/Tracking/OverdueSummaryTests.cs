using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Core.Tests.Tracking;

[Trait("Category", "Fast")]
public sealed class OverdueSummaryTests
{
    [Fact]
    public void ByAreaAndDuty_Division_CountsUnderTheAreaOneLevelDownWithoutNames()
    {
        var due = new DateOnly(2026, 11, 1);
        var items = new[]
        {
            TestItems.Open("a", Id(6), ChesterfieldTeam1, due),
            TestItems.Open("b", Id(7), ChesterfieldTeam1, due.AddDays(-3)),
            TestItems.Open("c", Id(8), BolsoverTeam1, due, duty: "my-plan"),
            TestItems.Open("d", Id(2), EarlyHelp, due),
            TestItems.Open("e", Id(12), SendTeam, due),
        };

        var counts = OverdueSummary.ByAreaAndDuty(items, EarlyHelp);

        Assert.Equal(3, counts.Count);
        Assert.Equal(new AreaDutyCount(SocialCare, new("supervision"), 2, due.AddDays(-3)), counts[0]);
        Assert.Contains(new AreaDutyCount(SocialCare, new("my-plan"), 1, due), counts);
        Assert.Contains(new AreaDutyCount(EarlyHelp, new("supervision"), 1, due), counts);
    }

    [Fact]
    public void OverdueDueBefore_Monday_IncludesFridaysItemsButNotMondays()
    {
        var rules = new ScheduleRules(SampleFramework.Calendar, SchedulePolicy.Default);
        var monday = new DateOnly(2026, 11, 23);
        var nine = SampleFramework.Calendar.ToInstant(monday, new TimeOnly(9, 0));

        var cutoff = rules.OverdueDueBefore(monday);

        Assert.Equal(monday, cutoff);
        Assert.True(rules.IsOverdue(new DateOnly(2026, 11, 20), nine));
        Assert.False(rules.IsOverdue(monday, nine));
    }

    [Fact]
    public void OverdueDueBefore_Saturday_ItemDueFridayIsNotYetOverdue()
    {
        var rules = new ScheduleRules(SampleFramework.Calendar, SchedulePolicy.Default);

        Assert.Equal(new DateOnly(2026, 11, 20), rules.OverdueDueBefore(new DateOnly(2026, 11, 21)));
    }
}
