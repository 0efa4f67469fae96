using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Tracking;
using QaBot.Testing.Organisation;

namespace QaBot.Core.Tests.Reminders;

/// <summary>
/// A manager's view of not-applicable use, worked by hand: Sam set supervision aside three times since June (leave
/// twice, once with no code), Alex once; Sam's audit once. With the default threshold of two, Sam's supervision is the
/// one repeated use and comes first.
/// </summary>
[Trait("Category", "Fast")]
public sealed class SetAsideUseTests
{
    private static readonly AreaId Team = AreaId.Parse("dept.care.team-1");
    private static readonly PersonId Sam = new("sam");
    private static readonly PersonId Alex = new("alex");
    private static readonly DateOnly From = new(2026, 6, 4);

    private static TrackedItem SetAside(string id, PersonId owner, DateOnly due, string? reason, string duty = "supervision") =>
        TestItems.Open(id, owner, Team, due, duty) with { Status = ItemStatus.NotApplicable, NotApplicableReason = reason };

    private static string Name(PersonId id) => id == Sam ? "Sam Patel" : "Alex Brown";

    [Fact]
    public void Summarise_HandWorkedTeam_OneLinePerPersonAndDutyRepeatedFirstWithReasonsMostUsedFirst()
    {
        var items = new[]
        {
            SetAside("s1", Sam, new(2026, 7, 31), "leave"),
            SetAside("s2", Sam, new(2026, 9, 30), null),
            SetAside("s3", Sam, new(2026, 11, 30), "leave"),
            SetAside("s-old", Sam, new(2026, 5, 29), "leave"),
            SetAside("a1", Alex, new(2026, 10, 30), "vacant"),
            SetAside("s-audit", Sam, new(2026, 8, 14), "case-closed", "case-audit"),
            TestItems.Open("open", Sam, Team, new(2026, 12, 31)),
        };

        var uses = SetAsideUse.Summarise(items, From, repeatedAt: 2, Name);

        Assert.Equal(3, uses.Count);
        var sam = uses[0];
        Assert.Equal((Sam, "Sam Patel", "supervision", 3, true, new DateOnly(2026, 11, 30)), (sam.Owner, sam.OwnerName, sam.Duty.Value, sam.Times, sam.Repeated, sam.Latest));
        Assert.Equal([("leave", 2), ("other", 1)], sam.Reasons);
        Assert.Equal([("Alex Brown", "supervision", 1, false), ("Sam Patel", "case-audit", 1, false)], uses.Skip(1).Select(u => (u.OwnerName, u.Duty.Value, u.Times, u.Repeated)));
    }

    [Fact]
    public void Summarise_HigherThreshold_FlagsNothingBelowIt()
    {
        var items = new[] { SetAside("s1", Sam, new(2026, 7, 31), "leave"), SetAside("s2", Sam, new(2026, 9, 30), "leave") };

        Assert.False(Assert.Single(SetAsideUse.Summarise(items, From, repeatedAt: 3, Name)).Repeated);
        Assert.True(Assert.Single(SetAsideUse.Summarise(items, From, repeatedAt: 2, Name)).Repeated);
    }

    [Fact]
    public void Summarise_SameItemTwice_CountsItOnce() =>
        Assert.Equal(1, Assert.Single(SetAsideUse.Summarise([SetAside("s1", Sam, new(2026, 7, 31), "leave"), SetAside("s1", Sam, new(2026, 7, 31), "leave")], From, 2, Name)).Times);

    [Fact]
    public void Summarise_ThresholdBelowTwo_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SetAsideUse.Summarise([], From, 1, Name));
}
