using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Core.Tests.Tracking;

[Trait("Category", "Fast")]
public sealed class ItemTransitionsTests
{
    private static readonly TrackedItem Item = TestItems.Open("occ-1", Id(6), ChesterfieldTeam1, new DateOnly(2026, 11, 10));

    [Fact]
    public void Reply_Done_ClosesTheItemWithAnAuditEntryAndTheReply()
    {
        var reply = TestItems.Reply(Item, ReplyKind.Done, new DateOnly(2026, 11, 9));

        var change = ItemTransitions.Reply(Item, reply)!;

        Assert.Equal(ItemStatus.Done, change.After.Status);
        Assert.Equal(new DateOnly(2026, 11, 9), change.After.CompletedOn);
        Assert.False(change.After.IsOutstanding);
        Assert.Equal(2, change.After.Version);
        Assert.Equal("done", change.Audit.Action);
        Assert.Equal(Actor.Person(Id(6)), change.Audit.Actor);
        Assert.Equal("teams", change.Audit.Origin.Channel);
        Assert.Same(reply, change.Reply);
    }

    [Fact]
    public void Reply_SameReplyTwice_ChangesNothingTheSecondTime()
    {
        var reply = TestItems.Reply(Item, ReplyKind.Done, new DateOnly(2026, 11, 9));
        var once = ItemTransitions.Reply(Item, reply)!.After;

        Assert.Null(ItemTransitions.Reply(once, reply));
        Assert.Null(ItemTransitions.Reply(once, reply with { ReplyId = "another-click" }));
    }

    [Fact]
    public void Reply_Reschedule_MovesTheDueDateAndReplacesReminders()
    {
        var newReminder = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        var change = ItemTransitions.Reply(Item, TestItems.Reply(Item, ReplyKind.Rescheduled, new DateOnly(2026, 12, 1)), [newReminder])!;

        Assert.Equal(ItemStatus.Rescheduled, change.After.Status);
        Assert.Equal(new DateOnly(2026, 12, 1), change.After.EffectiveDue);
        Assert.True(change.After.IsOutstanding);
        Assert.False(ShippedFramework.Rules.IsOverdue(change.After, new DateOnly(2026, 11, 20)));
        Assert.True(change.After.HasReminderAt(newReminder));
        Assert.Contains("2026-11-10 to 2026-12-01", change.Audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Reply_DoneWithoutDate_Throws() =>
        Assert.Throws<ArgumentException>(() => ItemTransitions.Reply(Item, TestItems.Reply(Item, ReplyKind.Done, null)));

    [Fact]
    public void IsOverdue_DueToday_IsNotYetOverdueUntilTheNextWorkingDay()
    {
        Assert.False(ShippedFramework.Rules.IsOverdue(Item, new DateOnly(2026, 11, 10)));
        Assert.True(ShippedFramework.Rules.IsOverdue(Item, new DateOnly(2026, 11, 11)));
        Assert.False(ShippedFramework.Rules.IsOverdue(Item with { Status = ItemStatus.Done, CompletedOn = new DateOnly(2026, 11, 10) }, new DateOnly(2026, 11, 11)));
    }

    [Fact]
    public void Nudge_CountsAndRecordsWhoNudged()
    {
        var at = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

        var change = ItemTransitions.Nudge(Item, new ItemNudge(Item.Id, Id(3), at, new AuditOrigin("teams")));

        Assert.Equal(1, change.After.NudgeCount);
        Assert.Equal(at, change.After.LastNudgedAt);
        Assert.Equal("nudged", change.Audit.Action);
        Assert.Equal(Actor.Person(Id(3)), change.Audit.Actor);
    }

    [Fact]
    public void WithdrawNudge_PutsTheCountAndTimeBackAndSaysWhy()
    {
        var yesterday = new DateTimeOffset(2026, 11, 19, 10, 0, 0, TimeSpan.Zero);
        var before = ItemTransitions.Nudge(Item, new ItemNudge(Item.Id, Id(4), yesterday, new AuditOrigin("teams"))).After;
        var reserved = ItemTransitions.Nudge(before, new ItemNudge(Item.Id, Id(3), yesterday.AddDays(1), new AuditOrigin("teams"))).After;

        var change = ItemTransitions.WithdrawNudge(reserved, reserved, before, yesterday.AddDays(1).AddSeconds(2), "Failed", new AuditOrigin("teams", "a1"))!;

        Assert.Equal((1, yesterday, 4), (change.After.NudgeCount, change.After.LastNudgedAt, change.After.Version));
        Assert.Equal(("nudge-withdrawn", Actor.Person(Id(3))), (change.Audit.Action, change.Audit.Actor));
        Assert.Equal($"nudge 2 to person:{Id(6)} not delivered (Failed); withdrawn", change.Audit.Detail);
        Assert.Null(change.Nudge);
    }

    [Fact]
    public void WithdrawNudge_ItemChangedSinceTheReservation_ChangesNothing()
    {
        var at = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        var reserved = ItemTransitions.Nudge(Item, new ItemNudge(Item.Id, Id(3), at, new AuditOrigin("teams"))).After;
        var answered = ItemTransitions.Reply(reserved, TestItems.Reply(reserved, ReplyKind.Done, new DateOnly(2026, 11, 9)))!.After;

        Assert.Null(ItemTransitions.WithdrawNudge(answered, reserved, Item, at, "Failed", new AuditOrigin("teams")));
    }

    [Fact]
    public void Reassign_ToManager_FlagsTheItemAndMovesItToTheirArea()
    {
        var manager = Chart.Find(Id(3))!;

        var change = ItemTransitions.Reassign(Item, manager, TestItems.CreatedAt, Actor.System("import"), TestItems.Origin)!;

        Assert.Equal(Id(3), change.After.Owner);
        Assert.Equal(SocialCare, change.After.Area);
        Assert.Equal(Id(6), change.After.ReassignedFrom);
        Assert.True(change.After.IsFlagged);
        Assert.Equal("reassigned", change.Audit.Action);
    }
}
