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
}
