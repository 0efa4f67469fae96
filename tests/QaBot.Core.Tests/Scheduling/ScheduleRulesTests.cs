using QaBot.Application.Configuration;
using QaBot.Core.Scheduling;
using QaBot.Testing.Scheduling;

namespace QaBot.Core.Tests.Scheduling;

[Trait("Category", "Fast")]
public sealed class ScheduleRulesTests
{
    private static readonly ScheduleRules Rules = new(SampleFramework.Calendar, SchedulePolicy.Default);

    [Fact]
    public void IsOverdue_DueFriday_OverdueFromMondayNineLocalNotOverTheWeekend()
    {
        var due = new DateOnly(2026, 8, 28); // Friday; Monday 31 Aug is a bank holiday

        Assert.False(Rules.IsOverdue(due, new DateTimeOffset(2026, 8, 28, 22, 59, 0, TimeSpan.Zero)));
        Assert.False(Rules.IsOverdue(due, new DateTimeOffset(2026, 8, 31, 12, 0, 0, TimeSpan.Zero)));
        Assert.False(Rules.IsOverdue(due, new DateTimeOffset(2026, 8, 31, 22, 59, 0, TimeSpan.Zero)));
        Assert.True(Rules.IsOverdue(due, new DateTimeOffset(2026, 8, 31, 23, 0, 0, TimeSpan.Zero))); // 00:00 BST Tue 1 Sep
        Assert.Equal(new DateOnly(2026, 9, 1), Rules.OverdueFrom(due));
    }

    [Theory]
    [InlineData("2026-03-02", "None")]
    [InlineData("2026-03-03", "None")]        // overdue from Tuesday
    [InlineData("2026-03-05", "None")]
    [InlineData("2026-03-06", "LineManager")] // after three working days overdue (Tue, Wed, Thu)
    [InlineData("2026-03-16", "LineManager")]
    [InlineData("2026-03-17", "NextLevel")]   // ten working days after Tuesday 3 March
    public void EscalationLevelOn_DueMonday2March2026_FollowsTheDefaults(string asOf, string expected) =>
        Assert.Equal(Enum.Parse<EscalationLevel>(expected), Rules.EscalationLevelOn(new DateOnly(2026, 3, 2), DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void EscalatesOn_DueBeforeEaster_CountsOnlyWorkingDays()
    {
        var due = new DateOnly(2026, 4, 1); // Wed; Good Friday 3 Apr, Easter Monday 6 Apr

        Assert.Equal(new DateOnly(2026, 4, 2), Rules.OverdueFrom(due));
        Assert.Equal(new DateOnly(2026, 4, 9), Rules.EscalatesOn(due, EscalationLevel.LineManager));
    }

    [Fact]
    public void EvaluateReschedule_TenWorkingDaysLater_AllowedWithoutApproval()
    {
        var decision = Rules.EvaluateReschedule(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 16), new DateOnly(2026, 2, 20));

        Assert.Equal(RescheduleOutcome.Allowed, decision.Outcome);
        Assert.Equal(10, decision.WorkingDaysMoved);
        Assert.Null(decision.Reason);
    }

    [Fact]
    public void EvaluateReschedule_ElevenWorkingDaysLater_NeedsApprovalWithReason()
    {
        var decision = Rules.EvaluateReschedule(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 17), new DateOnly(2026, 2, 20));

        Assert.Equal(RescheduleOutcome.NeedsApproval, decision.Outcome);
        Assert.Contains("11 working days", decision.Reason, StringComparison.Ordinal);
        Assert.EndsWith("more than 10 needs approval.", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-07", "a weekend")]
    [InlineData("2026-04-06", "a bank holiday")]
    [InlineData("2026-02-19", "already passed")]
    public void EvaluateReschedule_BadDate_RefusedWithReason(string proposed, string reason)
    {
        var decision = Rules.EvaluateReschedule(new DateOnly(2026, 3, 2), DateOnly.Parse(proposed, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 2, 20));

        Assert.Equal(RescheduleOutcome.Refused, decision.Outcome);
        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateReschedule_PastStatutoryDeadline_RefusedEvenWithinTheAllowance()
    {
        var decision = Rules.EvaluateReschedule(new DateOnly(2026, 1, 20), new DateOnly(2026, 1, 23), new DateOnly(2026, 1, 10), statutoryDeadline: new DateOnly(2026, 1, 22));

        Assert.Equal(RescheduleOutcome.Refused, decision.Outcome);
        Assert.Contains("statutory deadline of Thursday 22 January 2026", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateReschedule_CouncilAllowsFive_SixNeedsApproval()
    {
        var rules = new ScheduleRules(SampleFramework.Calendar, new ScheduleOptions { RescheduleWithoutApprovalWorkingDays = 5 }.ToPolicy());

        Assert.Equal(RescheduleOutcome.NeedsApproval, rules.EvaluateReschedule(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 1)).Outcome);
        Assert.Equal(RescheduleOutcome.Allowed, rules.EvaluateReschedule(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 1)).Outcome);
    }
}
