using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Core.Tests.Reminders;

/// <summary>
/// The digest on Friday 20 November 2026 with the default policy: reminders from five working days before the due
/// date, overdue from the next working day, to the line manager after three working days overdue and to the next
/// level after ten.
/// </summary>
[Trait("Category", "Fast")]
public sealed class DigestComposerTests
{
    private static readonly DateOnly Friday = new(2026, 11, 20);
    private static readonly DigestComposer Composer = new(new ScheduleRules(SampleFramework.Calendar, SchedulePolicy.Default));

    private static TrackedItem Item(int n, int owner, DateOnly due, string duty = "supervision", int? concerns = null)
    {
        var person = Chart.Find(Id(owner))!;
        var item = TestItems.Open(TestItems.Id(n), person.Id, person.HomeArea, due, duty);
        return concerns is { } c ? item with { Concerns = Id(c) } : item;
    }

    private static Person P(int n) => Chart.Find(Id(n))!;

    [Fact]
    public void Compose_OwnItemDueInFiveWorkingDays_Included()
    {
        var due = new DateOnly(2026, 11, 27); // five working days after Friday 20th

        var digest = Composer.Compose(P(6), Friday, [Item(1, 6, due)], Chart);

        var item = Assert.Single(digest.OwnItems);
        Assert.Equal(0, item.EscalationLevel);
        Assert.Equal("Person 6", item.OwnerName);
        Assert.Empty(digest.Escalated);
        Assert.Equal("Person 6", digest.RecipientName);
    }

    [Fact]
    public void Compose_OwnItemDueInSixWorkingDays_NotYetIncluded()
    {
        var digest = Composer.Compose(P(6), Friday, [Item(1, 6, new DateOnly(2026, 11, 30))], Chart);

        Assert.True(digest.IsEmpty);
    }

    [Fact]
    public void Compose_OwnItemDoneOrNotApplicable_Left()
    {
        var done = Item(1, 6, Friday);
        done = done with { Status = ItemStatus.Done, CompletedOn = Friday };
        var notApplicable = Item(2, 6, Friday) with { Status = ItemStatus.NotApplicable };

        Assert.True(Composer.Compose(P(6), Friday, [done, notApplicable], Chart).IsEmpty);
    }

    [Fact]
    public void Compose_RescheduledItem_UsesTheNewDate()
    {
        var moved = Item(1, 6, new DateOnly(2026, 11, 2)) with { Status = ItemStatus.Rescheduled, RescheduledTo = new DateOnly(2026, 12, 11) };

        Assert.True(Composer.Compose(P(6), Friday, [moved], Chart).IsEmpty);
        Assert.Single(Composer.Compose(P(6), new DateOnly(2026, 12, 4), [moved], Chart).OwnItems);
    }

    [Fact]
    public void Compose_ThreeWorkingDaysOverdue_EscalatesToTheLineManagerOnly()
    {
        var item = Item(1, 6, new DateOnly(2026, 11, 16)); // Monday: overdue from Tuesday, line manager from Friday

        var manager = Composer.Compose(P(4), Friday, [item], Chart);
        var headOfService = Composer.Compose(P(3), Friday, [item], Chart);

        var escalated = Assert.Single(manager.Escalated);
        Assert.Equal(1, escalated.EscalationLevel);
        Assert.Equal("Person 6", escalated.OwnerName);
        Assert.Empty(manager.OwnItems);
        Assert.True(headOfService.IsEmpty);
    }

    [Fact]
    public void Compose_TwoWorkingDaysOverdue_NotYetEscalated()
    {
        var item = Item(1, 6, new DateOnly(2026, 11, 17));

        Assert.True(Composer.Compose(P(4), Friday, [item], Chart).IsEmpty);
        Assert.Single(Composer.Compose(P(6), Friday, [item], Chart).OwnItems);
    }

    [Fact]
    public void Compose_TenWorkingDaysOverdue_ReachesTheNextLevelAsWell()
    {
        var item = Item(1, 6, new DateOnly(2026, 11, 2)); // overdue from 3 November; next level from 17 November

        Assert.Equal(1, Assert.Single(Composer.Compose(P(4), Friday, [item], Chart).Escalated).EscalationLevel);
        Assert.Equal(2, Assert.Single(Composer.Compose(P(3), Friday, [item], Chart).Escalated).EscalationLevel);
        Assert.True(Composer.Compose(P(2), Friday, [item], Chart).IsEmpty);
    }

    [Fact]
    public void Compose_OwnerWithNoLineManager_EscalatesToTheHeadOfTheAreaAbove()
    {
        // Person 12 (SEND casework) has no line manager: SEND's head (11) hears first, then the director (10).
        var item = Item(1, 12, new DateOnly(2026, 11, 2));

        Assert.Equal(1, Assert.Single(Composer.Compose(P(11), Friday, [item], Chart).Escalated).EscalationLevel);
        Assert.Equal(2, Assert.Single(Composer.Compose(P(10), Friday, [item], Chart).Escalated).EscalationLevel);
    }

    [Fact]
    public void Compose_PerReportItem_NamesTheSupervisee()
    {
        var supervision = Item(1, 4, new DateOnly(2026, 11, 2), "team-manager-supervision", concerns: 6);

        var own = Assert.Single(Composer.Compose(P(4), Friday, [supervision], Chart).OwnItems);
        var escalated = Assert.Single(Composer.Compose(P(3), Friday, [supervision], Chart).Escalated);

        Assert.Equal("Person 6", own.ConcernsName);
        Assert.Equal("Person 4", escalated.OwnerName);
        Assert.Equal("Person 6", escalated.ConcernsName);
    }

    [Fact]
    public void Compose_ManagerWithOwnAndTeamItems_BothSectionsWorstFirst()
    {
        var items = new[]
        {
            Item(1, 4, new DateOnly(2026, 11, 25)),
            Item(2, 4, new DateOnly(2026, 11, 10)),
            Item(3, 6, new DateOnly(2026, 11, 16)),
            Item(4, 7, new DateOnly(2026, 11, 2)),
            Item(5, 8, new DateOnly(2026, 11, 2)), // Bolsover: someone else's team
        };

        var digest = Composer.Compose(P(4), Friday, items, Chart, runId: "run-1");

        Assert.Equal([TestItems.Id(2), TestItems.Id(1)], digest.OwnItems.Select(i => i.Item.Id.Value));
        Assert.Equal([TestItems.Id(4), TestItems.Id(3)], digest.Escalated.Select(i => i.Item.Id.Value));
        Assert.Equal("run-1", digest.RunId);
        Assert.Equal(Friday, digest.AsOf);
    }

    [Fact]
    public void Compose_SuperviseeNoLongerInTheChart_ShownWithAPlaceholderName()
    {
        var supervision = Item(1, 4, new DateOnly(2026, 11, 2), "team-manager-supervision") with { Concerns = Id(98) };

        var digest = Composer.Compose(P(4), Friday, [supervision], Chart);

        Assert.Equal(DigestComposer.UnknownPersonName, Assert.Single(digest.OwnItems).ConcernsName);
    }

    [Fact]
    public void ComposeAll_EveryPerson_SameAsComposingEachAlone()
    {
        var items = new List<TrackedItem>();
        var n = 0;
        foreach (var person in People)
        {
            foreach (var due in new[] { new DateOnly(2026, 10, 20), new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 19), new DateOnly(2026, 11, 26), new DateOnly(2026, 12, 20) })
            {
                items.Add(Item(++n, Convert.ToInt32(person.Id.Value[^3..], System.Globalization.CultureInfo.InvariantCulture), due));
            }
        }

        var all = Composer.ComposeAll(items, Chart, Friday, "run-7");

        foreach (var person in People)
        {
            var alone = Composer.Compose(person, Friday, items, Chart, "run-7");
            var fromRun = all.SingleOrDefault(d => d.Recipient == person.Id);
            if (alone.IsEmpty)
            {
                Assert.Null(fromRun);
                continue;
            }

            Assert.NotNull(fromRun);
            Assert.Equal(alone.OwnItems, fromRun.OwnItems);
            Assert.Equal(alone.Escalated, fromRun.Escalated);
        }

        Assert.Equal(all.OrderBy(d => d.Recipient.Value, StringComparer.Ordinal).Select(d => d.Recipient), all.Select(d => d.Recipient));
        Assert.Contains(all, d => d.Escalated.Any(i => i.EscalationLevel == 2));
    }

    [Fact]
    public void ComposeAll_OwnerWhoLeft_GetsNoDigestButTheirManagerStillHears()
    {
        var left = People.Select(p => p.Id == Id(6) ? p with { Active = false, LeftOn = Friday } : p).ToList();
        var chart = new OrganisationChart(Tree, left, Policy);
        var item = Item(1, 6, new DateOnly(2026, 11, 16));

        var all = Composer.ComposeAll([item], chart, Friday);

        var digest = Assert.Single(all);
        Assert.Equal(Id(4), digest.Recipient);
        Assert.Single(digest.Escalated);
    }

    [Fact]
    public void EscalationRecipients_LevelTwo_LineManagerThenNextLevel()
    {
        var recipients = Composer.EscalationRecipients(Item(1, 6, new DateOnly(2026, 11, 2)), Chart, Friday);

        Assert.Equal([(Id(4), 1), (Id(3), 2)], recipients.Select(r => (r.Recipient.Id, r.Level)));
    }

    [Fact]
    public void IsOverdue_DueFridayAskedMonday_OverdueFromTheNextWorkingDay()
    {
        var item = Item(1, 6, Friday);

        Assert.False(Composer.IsOverdue(item, Friday));
        Assert.False(Composer.IsOverdue(item, new DateOnly(2026, 11, 22)));
        Assert.True(Composer.IsOverdue(item, new DateOnly(2026, 11, 23)));
        Assert.True(Composer.IsDueOrOverdue(item, new DateOnly(2026, 11, 22)));
    }
}
