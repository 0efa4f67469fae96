using CsCheck;
using QaBot.Core.Compliance;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Core.Tests.Compliance;

[Trait("Category", "Fast")]
public sealed class OpenTallyTests
{
    private static readonly ScheduleRules Rules = new(SampleFramework.Calendar, SchedulePolicy.Default);
    private static readonly AreaId[] Areas = [ChesterfieldTeam1, ChesterfieldTeam2, BolsoverTeam1, EarlyHelp, SendTeam];
    private static readonly string[] Duties = ["supervision", "my-plan", "case-audit"];

    /// <summary>An item in any state: open, done (on time or late), rescheduled (earlier or later) or not applicable.</summary>
    private static readonly Gen<TrackedItem> GenItem =
        Gen.Select(Gen.Int[0, Areas.Length - 1], Gen.Int[0, Duties.Length - 1], Gen.DateOnly[new DateOnly(2025, 10, 1), new DateOnly(2027, 3, 31)], Gen.Int[0, 3], Gen.Int[-10, 40], Gen.Int[0, 1_000_000])
        .Select((area, duty, due, state, days, n) =>
        {
            var item = TestItems.Open(TestItems.Id(n), Id(6), Areas[area], due, Duties[duty]);
            var reply = state switch
            {
                1 => TestItems.Reply(item, ReplyKind.Done, due.AddDays(days)),
                2 => TestItems.Reply(item, ReplyKind.Rescheduled, due.AddDays(Math.Abs(days))),
                3 => TestItems.Reply(item, ReplyKind.NotApplicable, null),
                _ => null,
            };
            return reply is null ? item : ItemTransitions.Reply(item, reply)!.After;
        });

    private static readonly Gen<(TrackedItem[] Items, DateOnly AsOf)> GenCase =
        Gen.Select(GenItem.Array[0, 80], Gen.DateOnly[new DateOnly(2025, 12, 1), new DateOnly(2027, 6, 30)])
        .Select((items, asOf) => (items.DistinctBy(i => i.Id).ToArray(), asOf));

    [Fact]
    public void DueBefore_AnyItemsAndDay_CountsWhatTheWorkingDayRuleCallsOverdue() =>
        GenCase.Sample(c =>
        {
            var dueBefore = Rules.OverdueDueBefore(c.AsOf);
            var rows = c.Items.Where(i => Rules.IsOverdue(i, c.AsOf)).ToList();
            var model = OpenTally.Recount(c.Items).SelectMany(t => t.DueBefore(dueBefore)).ToList();

            Assert.Equal(rows.Count, model.Sum(m => m.Count));
            Assert.Equal(OverdueSummary.ByAreaAndDuty(rows, Department), OverdueSummary.ByAreaAndDuty(model, Department));
            Assert.Equal(OverdueSummary.ByAreaAndDuty(rows, EarlyHelp), OverdueSummary.ByAreaAndDuty(model, EarlyHelp));
            Assert.Equal(rows.Count, ComplianceCell.Recount(c.Items).SelectMany(cell => cell.Duties.Values).Sum(t => t.OpenDueBefore(dueBefore)));
        }, iter: 300);

    [Fact]
    public void Apply_AddedThenTakenAway_LeavesNothing()
    {
        var item = TestItems.Open("a", Id(6), ChesterfieldTeam1, new DateOnly(2026, 11, 2));
        var tally = new OpenTally(ChesterfieldTeam1);

        Assert.True(tally.Apply(ComplianceEntry.Of(item), 1));
        Assert.Equal([new OpenCount(ChesterfieldTeam1, new("supervision"), new DateOnly(2026, 11, 2), 1)], tally.DueBefore(new DateOnly(2026, 11, 3)));
        Assert.Empty(tally.DueBefore(new DateOnly(2026, 11, 2)));
        Assert.True(tally.Apply(ComplianceEntry.Of(item), -1));

        Assert.True(tally.IsEmpty);
    }

    [Fact]
    public void Apply_DoneItem_LeavesTheTallyAsItWas()
    {
        var item = TestItems.Open("a", Id(6), ChesterfieldTeam1, new DateOnly(2026, 11, 2));
        var done = ItemTransitions.Reply(item, TestItems.Reply(item, ReplyKind.Done, new DateOnly(2026, 11, 1)))!.After;
        var tally = new OpenTally(ChesterfieldTeam1);

        Assert.False(tally.Apply(ComplianceEntry.Of(done), 1));
        Assert.True(tally.IsEmpty);
    }

    [Fact]
    public void Oldest_AnyOpeningsAndClosings_AreAlwaysTheFirstKeysInOrderAndAPageOnceFilledAgain() =>
        Gen.Select(Gen.Int[0, 60], Gen.Int[0, 40], Gen.Bool).Array[1, 150].Sample(steps =>
        {
            var tally = new OpenTally(ChesterfieldTeam1);
            var open = new SortedSet<OpenKey>();
            foreach (var (n, day, opens) in steps)
            {
                var item = TestItems.Open($"o-{n:D2}", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 1).AddDays(day));
                var key = new OpenKey(item.EffectiveDue, item.Id);
                var isOpen = open.Any(k => k.Item == item.Id);
                if (opens && !isOpen)
                {
                    tally.Apply(ComplianceEntry.Of(item), 1);
                    open.Add(key);
                }
                else if (!opens && isOpen)
                {
                    var was = open.First(k => k.Item == item.Id);
                    tally.Apply(ComplianceEntry.Of(item with { Due = was.Due }), -1);
                    open.Remove(was);
                }

                Assert.Equal(open.Take(tally.Oldest.Count), tally.Oldest);
                Assert.True(tally.Oldest.Count <= OpenTally.OldestKept);
                if (tally.NeedsOldest)
                {
                    Assert.True(tally.FillOldest(open));
                    Assert.Equal(open.Take(OpenTally.OldestKept), tally.Oldest);
                }

                Assert.Equal(open.Count, tally.Total);
            }
        }, iter: 300);

    [Fact]
    public void FillOldest_KeysMissingAnItemBeforeTheLastDate_KeepsNone()
    {
        var tally = new OpenTally(ChesterfieldTeam1);
        var first = TestItems.Open("f-1", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 5));
        var second = TestItems.Open("f-2", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 5));
        var third = TestItems.Open("f-3", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 9));
        foreach (var item in new[] { first, second, third })
        {
            tally.Add(item.Duty, item.Due, 1);
        }

        Assert.False(tally.FillOldest([new(first.Due, first.Id), new(third.Due, third.Id)]));
        Assert.Empty(tally.Oldest);
        Assert.True(tally.NeedsOldest);

        Assert.True(tally.FillOldest([new(third.Due, third.Id), new(first.Due, first.Id), new(second.Due, second.Id)]));
        Assert.Equal([new(first.Due, first.Id), new(second.Due, second.Id), new(third.Due, third.Id)], tally.Oldest);
        Assert.Equal([new OpenKey(second.Due, second.Id)], tally.OldestAt(1, 1));
        Assert.Null(tally.OldestAt(2, 2));
    }

    [Fact]
    public void Apply_ClosingAnOlderItemThanTheKeysHoldWithoutItsKey_EmptiesThemRatherThanKeepAGap()
    {
        var tally = new OpenTally(ChesterfieldTeam1);
        var kept = TestItems.Open("g-2", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 9));
        var unkept = TestItems.Open("g-1", Id(6), ChesterfieldTeam1, new DateOnly(2026, 10, 5));
        tally.Apply(ComplianceEntry.Of(kept), 1);
        tally.Add(unkept.Duty, unkept.Due, 1);
        Assert.Equal([new OpenKey(kept.Due, kept.Id)], tally.Oldest);

        tally.Apply(ComplianceEntry.Of(unkept), -1);

        Assert.Empty(tally.Oldest);
        Assert.Equal(1, tally.Total);
    }
}
