using QaBot.Core.Compliance;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;

namespace QaBot.Core.Tests.Compliance;

[Trait("Category", "Fast")]
public sealed class ComplianceEntryTests
{
    private static readonly AreaId Team = AreaId.Parse("dept.division.team-1");
    private static readonly PersonId Owner = new("owner");
    private static readonly DateOnly Due = new(2026, 10, 30);

    [Fact]
    public void Of_OpenItem_CountedInTheMonthOfItsDueDateByTheDateItIsDue()
    {
        var entry = ComplianceEntry.Of(TestItems.Open("a", Owner, Team, Due));

        Assert.Equal(new ComplianceEntry(Team, new ReportMonth(2026, 10), new("supervision"), ComplianceOutcome.Open, null, Due, new("a")), entry);
    }

    [Fact]
    public void Of_RescheduledItem_StaysInItsOriginalMonthAndIsOpenByTheNewDate()
    {
        var item = Replied(TestItems.Open("a", Owner, Team, Due), ReplyKind.Rescheduled, new DateOnly(2026, 11, 6));

        var entry = ComplianceEntry.Of(item);

        Assert.Equal(new ReportMonth(2026, 10), entry.Month);
        Assert.Equal(ComplianceOutcome.Open, entry.Outcome);
        Assert.Equal(new DateOnly(2026, 11, 6), entry.OpenDue);
    }

    [Theory]
    [InlineData(2026, 10, 30, ComplianceOutcome.OnTime)]
    [InlineData(2026, 10, 1, ComplianceOutcome.OnTime)]
    [InlineData(2026, 11, 2, ComplianceOutcome.Late)]
    public void Of_DoneItem_OnTimeWhenDoneByTheDueDate(int year, int month, int day, ComplianceOutcome expected)
    {
        var item = Replied(TestItems.Open("a", Owner, Team, Due), ReplyKind.Done, new DateOnly(year, month, day));

        Assert.Equal(expected, ComplianceEntry.Of(item).Outcome);
    }

    [Fact]
    public void Of_DoneAfterAnAllowedReschedule_OnTimeByTheNewDate()
    {
        var moved = Replied(TestItems.Open("a", Owner, Team, Due), ReplyKind.Rescheduled, new DateOnly(2026, 11, 6));
        var done = Replied(moved, ReplyKind.Done, new DateOnly(2026, 11, 5), "reply-2");
        var doneLate = Replied(moved, ReplyKind.Done, new DateOnly(2026, 11, 9), "reply-3");

        Assert.Equal(ComplianceOutcome.OnTime, ComplianceEntry.Of(done).Outcome);
        Assert.Equal(ComplianceOutcome.Late, ComplianceEntry.Of(doneLate).Outcome);
    }

    [Fact]
    public void Of_NotApplicable_CountedUnderTheOtherReason()
    {
        var item = Replied(TestItems.Open("a", Owner, Team, Due), ReplyKind.NotApplicable, null);

        var entry = ComplianceEntry.Of(item);

        Assert.Equal(ComplianceOutcome.NotApplicable, entry.Outcome);
        Assert.Equal(ComplianceEntry.OtherReason, entry.Reason);
    }

    [Fact]
    public void Change_NudgeLeavesTheFiguresAlone_ReplyMovesTheItemBetweenOutcomes()
    {
        var open = TestItems.Open("a", Owner, Team, Due);
        var nudged = ItemTransitions.Nudge(open, new ItemNudge(open.Id, new PersonId("manager"), TestItems.CreatedAt, TestItems.Origin)).After;
        var done = Replied(open, ReplyKind.Done, Due);

        Assert.Equal((null, null), ComplianceCell.Change(open, nudged));
        var (remove, add) = ComplianceCell.Change(open, done);
        Assert.Equal(ComplianceOutcome.Open, remove!.Value.Outcome);
        Assert.Equal(ComplianceOutcome.OnTime, add!.Value.Outcome);
    }

    [Fact]
    public void Recount_SumsItemsIntoOneCellPerAreaAndMonth()
    {
        TrackedItem[] items =
        [
            TestItems.Open("a", Owner, Team, Due),
            Replied(TestItems.Open("b", Owner, Team, Due.AddDays(-3)), ReplyKind.Done, Due),
            TestItems.Open("c", Owner, Team, new DateOnly(2026, 11, 3)),
            TestItems.Open("d", Owner, AreaId.Parse("dept.division.team-2"), Due, "audit"),
        ];

        var cells = ComplianceCell.Recount(items);

        Assert.Equal(["dept.division.team-1 2026-10", "dept.division.team-1 2026-11", "dept.division.team-2 2026-10"], cells.Select(c => $"{c.Area} {c.Month}"));
        var october = cells[0].Duties[new("supervision")];
        Assert.Equal((2, 1, 0, 1), (october.Due, october.Late, october.OnTime, october.OpenTotal));
    }

    private static TrackedItem Replied(TrackedItem item, ReplyKind kind, DateOnly? date, string replyId = "reply-1") =>
        ItemTransitions.Reply(item, TestItems.Reply(item, kind, date, replyId), [])!.After;
}
