using System.ComponentModel.DataAnnotations;
using QaBot.Application.Configuration;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Scheduling;

namespace QaBot.Application.Tests.Configuration;

[Trait("Category", "Fast")]
public sealed class ScheduleOptionsTests
{
    [Fact]
    public void Default_HasTheCouncilDefaults()
    {
        var policy = SchedulePolicy.Default;

        Assert.Equal(NonWorkingDayRule.PreviousWorkingDay, policy.DueDateOnNonWorkingDay);
        Assert.Equal(new TimeOnly(9, 0), policy.ReminderTime);
        Assert.Equal([5, 0], policy.ReminderLeadWorkingDays);
        Assert.Equal(1, policy.OverdueAfterWorkingDays);
        Assert.Equal(3, policy.EscalateToLineManagerAfterWorkingDays);
        Assert.Equal(10, policy.EscalateToNextLevelAfterWorkingDays);
        Assert.Equal(10, policy.RescheduleWithoutApprovalWorkingDays);
        Assert.Equal(5, policy.NewAssignmentNoticeWorkingDays);
        Assert.Equal(DutySchedule.Default, policy.For(new DutyId("anything")));
    }

    [Fact]
    public void ToPolicy_NothingSet_IsTheDefaultPolicy()
    {
        var policy = new ScheduleOptions().ToPolicy();

        Assert.Equal(SchedulePolicy.Default with { Duties = policy.Duties }, policy);
        Assert.Empty(policy.Duties);
    }

    [Fact]
    public void ToPolicy_DutySettings_ParsedIntoDueRuleAndYear()
    {
        var options = new ScheduleOptions { ReminderLeadWorkingDays = [0, 10, 3] };
        options.Duties["head-pqp-complaints-report"] = new DutyScheduleOptions { Due = "working-days-after-period:20", Year = YearBasis.Financial };

        var policy = options.ToPolicy();

        Assert.Equal([10, 3, 0], policy.ReminderLeadWorkingDays);
        Assert.Equal(new DutySchedule(new DueRule(DueRuleKind.WorkingDaysAfterPeriod, 20), YearBasis.Financial), policy.For(new DutyId("head-pqp-complaints-report")));
    }

    [Theory]
    [InlineData("last-working-day", DueRuleKind.LastWorkingDay, 0)]
    [InlineData("first-working-day", DueRuleKind.FirstWorkingDay, 0)]
    [InlineData("day-of-period:15", DueRuleKind.DayOfPeriod, 15)]
    [InlineData("working-days-after-period:10", DueRuleKind.WorkingDaysAfterPeriod, 10)]
    public void DueRuleTryParse_KnownForms_RoundTrip(string text, DueRuleKind kind, int value)
    {
        Assert.True(DueRule.TryParse(text, out var rule, out _));
        Assert.Equal(new DueRule(kind, value), rule);
        Assert.Equal(text, rule.ToString());
    }

    [Theory]
    [InlineData("end-of-month")]
    [InlineData("day-of-period:0")]
    [InlineData("working-days-after-period:x")]
    public void DueRuleTryParse_Unknown_ExplainsTheChoices(string text)
    {
        Assert.False(DueRule.TryParse(text, out _, out var problem));
        Assert.Contains(text, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadSettings_EachNamesItsKey()
    {
        var options = new ScheduleOptions
        {
            ReminderLeadWorkingDays = [5, 5, -1],
            EscalateToLineManagerAfterWorkingDays = 10,
            EscalateToNextLevelAfterWorkingDays = 10,
        };
        options.Duties["team-manager-supervision"] = new DutyScheduleOptions { Due = "sometime" };
        options.Duties["Not A Slug"] = new DutyScheduleOptions();

        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));

        var messages = string.Join("\n", results.Select(r => r.ErrorMessage));
        Assert.Contains("Schedule:ReminderLeadWorkingDays: -1", messages, StringComparison.Ordinal);
        Assert.Contains("listed twice", messages, StringComparison.Ordinal);
        Assert.Contains("Schedule:EscalateToNextLevelAfterWorkingDays", messages, StringComparison.Ordinal);
        Assert.Contains("Schedule:Duties:team-manager-supervision:Due", messages, StringComparison.Ordinal);
        Assert.Contains("Schedule:Duties:Not A Slug", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPolicy_LeadTimesByRhythmAndDuty_LargestFirstAndOtherBandsKept()
    {
        var options = new ScheduleOptions();
        options.LongerRhythmReminderLeadWorkingDays[RhythmBand.Quarterly] = [0, 15];
        options.Duties["exec-director-triad-challenge"] = new DutyScheduleOptions { ReminderLeadWorkingDays = [0, 30, 10] };

        var policy = options.ToPolicy();

        Assert.Equal([15, 0], policy.LongerRhythmLeads[RhythmBand.Quarterly]);
        Assert.Equal([20, 0], policy.LongerRhythmLeads[RhythmBand.Yearly]);
        Assert.Equal([30, 10, 0], policy.For(new DutyId("exec-director-triad-challenge")).ReminderLeadWorkingDays);
        Assert.Equal([30, 10, 0], policy.LeadsFor(new DutyId("exec-director-triad-challenge"), FixedRhythm.Of(FixedCadence.Yearly)));
        Assert.Equal([15, 0], policy.LeadsFor(new DutyId("other"), FixedRhythm.Of(FixedCadence.Quarterly)));
        Assert.Equal([5, 0], policy.LeadsFor(new DutyId("other"), FixedRhythm.Of(FixedCadence.EveryTwoMonths)));
    }

    [Fact]
    public void Validate_BadLeadTimes_EachNamesItsKey()
    {
        var options = new ScheduleOptions();
        options.LongerRhythmReminderLeadWorkingDays[RhythmBand.Yearly] = [61];
        options.LongerRhythmReminderLeadWorkingDays[RhythmBand.MonthlyOrMoreOften] = [3];
        options.Duties["exec-director-triad-challenge"] = new DutyScheduleOptions { ReminderLeadWorkingDays = [10, 10] };

        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));

        var messages = string.Join("\n", results.Select(r => r.ErrorMessage));
        Assert.Contains("Schedule:LongerRhythmReminderLeadWorkingDays:Yearly: 61 is not between 0 and 60", messages, StringComparison.Ordinal);
        Assert.Contains("Schedule:LongerRhythmReminderLeadWorkingDays:MonthlyOrMoreOften: give Quarterly, HalfYearly or Yearly", messages, StringComparison.Ordinal);
        Assert.Contains("Schedule:Duties:exec-director-triad-challenge:ReminderLeadWorkingDays: a lead time is listed twice", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void ToPolicy_DutyWithOnlyItsYearSet_LeftForThePlacementWhileAGivenDueIsKept()
    {
        var options = new ScheduleOptions { MostDueOnOneDay = 2 };
        options.Duties["exec-director-triad-challenge"] = new DutyScheduleOptions { Year = YearBasis.Financial };
        options.Duties["head-pqp-complaints-report"] = new DutyScheduleOptions { Due = "month-of-period:4" };

        var policy = options.ToPolicy();

        Assert.Equal(2, policy.MostDueOnOneDay);
        Assert.False(policy.For(new DutyId("exec-director-triad-challenge")).DueGiven);
        Assert.True(policy.For(new DutyId("head-pqp-complaints-report")).DueGiven);
        Assert.Equal(new DueRule(DueRuleKind.MonthOfPeriod, 4), policy.For(new DutyId("head-pqp-complaints-report")).Due);
    }

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        var options = new ScheduleOptions();

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }
}

[Trait("Category", "Fast")]
public sealed class SupervisionOptionsTests
{
    [Fact]
    public void ToPolicy_NothingSet_ShipsTheAsyePlanAndTenWorkingDays()
    {
        var policy = new ScheduleOptions().ToPolicy().Supervision;

        Assert.Equal(10, policy.FirstWithinWorkingDays);
        var plan = Assert.Single(policy.Plans);
        Assert.Equal("ASYE", plan.Name);
        Assert.Equal(5, plan.FirstWithinWorkingDays);
        Assert.Equal([new SupervisionStage(1, Weeks: 6), new SupervisionStage(2, Months: 6)], plan.Stages);
    }

    [Fact]
    public void Validate_BadPlans_EachNamesItsKey()
    {
        var options = new ScheduleOptions();
        options.Supervision.FirstWithinWorkingDays = 0;
        options.Supervision.Plans =
        [
            new SupervisionPlanOptions
            {
                Name = "ASYE",
                JobTitles = ["ASYE"],
                Stages =
                [
                    new SupervisionStageOptions { EveryWeeks = 1 },
                    new SupervisionStageOptions { EveryWeeks = 9, UntilWeeks = 4, UntilMonths = 6 },
                ],
            },
            new SupervisionPlanOptions { Name = "asye", Roles = ["Team Manager"], FirstWithinWorkingDays = 61 },
            new SupervisionPlanOptions
            {
                Name = "Out of order",
                JobTitles = [" "],
                Stages = [new SupervisionStageOptions { EveryWeeks = 1, UntilMonths = 6 }, new SupervisionStageOptions { EveryWeeks = 2, UntilWeeks = 6 }],
            },
            new SupervisionPlanOptions(),
        ];

        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));

        var messages = string.Join("\n", results.Select(r => r.ErrorMessage));
        Assert.Contains("Schedule:Supervision:FirstWithinWorkingDays: 0 is not between 1 and 60", messages, StringComparison.Ordinal);
        Assert.Contains("Schedule:Supervision:Plans:0:Stages:0: only the last stage may run on", messages, StringComparison.Ordinal);
        Assert.Contains("Schedule:Supervision:Plans:0:Stages:1:EveryWeeks: 9", messages, StringComparison.Ordinal);
        Assert.Contains("Schedule:Supervision:Plans:0:Stages:1: give UntilWeeks or UntilMonths, not both", messages, StringComparison.Ordinal);
        Assert.Contains("Schedule:Supervision:Plans:1:Name: 'asye' is the name of an earlier plan", messages, StringComparison.Ordinal);
        Assert.Contains("Schedule:Supervision:Plans:1:Roles:0: 'Team Manager' is not a role id", messages, StringComparison.Ordinal);
        Assert.Contains("Schedule:Supervision:Plans:1:FirstWithinWorkingDays: 61", messages, StringComparison.Ordinal);
        Assert.Contains("Schedule:Supervision:Plans:2:JobTitles:0", messages, StringComparison.Ordinal);
        Assert.Contains("Schedule:Supervision:Plans:2:Stages:1: it ends no later than the stage before it", messages, StringComparison.Ordinal);
        Assert.Contains("Schedule:Supervision:Plans:3:Name: give the plan a name", messages, StringComparison.Ordinal);
        Assert.Contains("Schedule:Supervision:Plans:3: give JobTitles or Roles", messages, StringComparison.Ordinal);
    }
}
