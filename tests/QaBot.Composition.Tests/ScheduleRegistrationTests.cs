using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Core.Calendar;
using QaBot.Core.Scheduling;
using QaBot.Core.Scheduling.Statutory;

namespace QaBot.Composition.Tests;

[Trait("Category", "Fast")]
public sealed class ScheduleRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddQaBot(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddQaBot_ScheduleSection_BindsPolicyFromSettings()
    {
        using var services = Build(new()
        {
            ["Schedule:ReminderTime"] = "08:30",
            ["Schedule:ReminderLeadWorkingDays:0"] = "10",
            ["Schedule:ReminderLeadWorkingDays:1"] = "0",
            ["Schedule:EscalateToLineManagerAfterWorkingDays"] = "2",
            ["Schedule:Duties:team-manager-supervision:Due"] = "day-of-period:20",
            ["Schedule:Duties:team-manager-supervision:Year"] = "Financial",
            ["Schedule:Duties:team-manager-supervision:ReminderLeadWorkingDays:0"] = "3",
            ["Schedule:LongerRhythmReminderLeadWorkingDays:Yearly:0"] = "25",
            ["Schedule:LongerRhythmReminderLeadWorkingDays:Yearly:1"] = "0",
        });

        var policy = services.GetRequiredService<SchedulePolicy>();

        Assert.Equal(new TimeOnly(8, 30), policy.ReminderTime);
        Assert.Equal([10, 0], policy.ReminderLeadWorkingDays);
        Assert.Equal(2, policy.EscalateToLineManagerAfterWorkingDays);
        Assert.Equal(10, policy.EscalateToNextLevelAfterWorkingDays);
        var supervision = policy.For(new Core.Framework.DutyId("team-manager-supervision"));
        Assert.Equal(new DueRule(DueRuleKind.DayOfPeriod, 20), supervision.Due);
        Assert.Equal(YearBasis.Financial, supervision.Year);
        Assert.Equal([3], supervision.ReminderLeadWorkingDays);
        Assert.Equal([25, 0], policy.LongerRhythmLeads[RhythmBand.Yearly]);
        Assert.Equal([10, 0], policy.LongerRhythmLeads[RhythmBand.Quarterly]);
        var rules = services.GetRequiredService<ScheduleRules>();
        Assert.Equal([25, 0], rules.LeadsFor(new Core.Framework.DutyId("exec-director-triad-challenge")));
    }

    [Fact]
    public void AddQaBot_SupervisionPlansFromSettings_ReplaceTheShippedOne()
    {
        using var services = Build(new()
        {
            ["Schedule:Supervision:FirstWithinWorkingDays"] = "15",
            ["Schedule:Supervision:Plans:0:Name"] = "Child protection",
            ["Schedule:Supervision:Plans:0:Roles:0"] = "iro-cp-chair",
            ["Schedule:Supervision:Plans:0:Stages:0:EveryWeeks"] = "2",
        });

        var supervision = services.GetRequiredService<ScheduleEngine>().Policy.Supervision;

        Assert.Equal(15, supervision.FirstWithinWorkingDays);
        var plan = Assert.Single(supervision.Plans);
        Assert.Equal("Child protection", plan.Name);
        Assert.Equal([new Core.Framework.RoleId("iro-cp-chair")], plan.Roles);
        Assert.Equal([new SupervisionStage(2)], plan.Stages);
    }

    [Fact]
    public void AddQaBot_SupervisionPlanWithBadStage_RefusedNamingTheSetting()
    {
        using var services = Build(new()
        {
            ["Schedule:Supervision:Plans:0:Name"] = "ASYE",
            ["Schedule:Supervision:Plans:0:JobTitles:0"] = "ASYE",
            ["Schedule:Supervision:Plans:0:Stages:0:EveryWeeks"] = "0",
            ["Schedule:Supervision:Plans:0:Stages:0:UntilWeeks"] = "6",
        });

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<SchedulePolicy>());
        Assert.Contains("Schedule:Supervision:Plans:0:Stages:0:EveryWeeks: 0 is not between 1 and 8 weeks", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddQaBot_NoSettings_DefaultsAndShippedData()
    {
        using var services = Build([]);

        var policy = services.GetRequiredService<SchedulePolicy>();
        Assert.Equal(new TimeOnly(9, 0), policy.ReminderTime);
        Assert.Equal([5, 0], policy.ReminderLeadWorkingDays);
        Assert.Equal((1, 3, 10, 10), (policy.OverdueAfterWorkingDays, policy.EscalateToLineManagerAfterWorkingDays, policy.EscalateToNextLevelAfterWorkingDays, policy.RescheduleWithoutApprovalWorkingDays));
        Assert.Empty(policy.Duties);
        Assert.True(services.GetRequiredService<CouncilCalendar>().HasBankHolidays(2027));
        Assert.NotNull(services.GetRequiredService<StatutoryRuleSet>().Find("cla-review"));
        Assert.NotNull(services.GetRequiredService<ScheduleRules>());
    }

    [Fact]
    public void AddQaBot_InvalidSchedule_ValidationNamesTheKey()
    {
        using var services = Build(new() { ["Schedule:Duties:team-manager-supervision:Due"] = "whenever" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ScheduleOptions>>().Value);

        Assert.Contains("Schedule:Duties:team-manager-supervision:Due", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddQaBot_CalendarDirectoryMissing_ErrorNamesTheFile()
    {
        using var services = Build(new() { ["Framework:CalendarDirectory"] = "NoSuchFolder" });

        var error = Assert.Throws<DataFileException>(() => services.GetRequiredService<CouncilCalendar>());

        Assert.Contains("NoSuchFolder", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void AddQaBot_Applicability_BoundFromEnvironmentStyleKeys()
    {
        using var services = Build(new()
        {
            ["Schedule:Applicability:0:Duty"] = "team-manager-reflective-case-review",
            ["Schedule:Applicability:0:Areas:0"] = "childrens-services.early-help-and-safeguarding",
            ["Schedule:Applicability:0:Areas:1"] = "childrens-services.schools-and-learning.send",
        });

        var policy = services.GetRequiredService<SchedulePolicy>();

        var review = new Core.Framework.DutyId("team-manager-reflective-case-review");
        Assert.True(policy.AppliesIn(review, Core.Organisation.AreaId.Parse("childrens-services.schools-and-learning.send.send-casework-north")));
        Assert.False(policy.AppliesIn(review, Core.Organisation.AreaId.Parse("childrens-services.schools-and-learning.virtual-school")));
    }

    [Theory]
    [InlineData("no-such-duty", "childrens-services", "Schedule:Applicability:0:Duty: there is no duty 'no-such-duty'")]
    [InlineData("team-manager-reflective-case-review", "Not An Area!", "Schedule:Applicability:0:Areas:0: 'Not An Area!' is not an area id")]
    public void AddQaBot_BadApplicability_StartUpValidationNamesTheKey(string duty, string area, string expected)
    {
        using var services = Build(new() { ["Schedule:Applicability:0:Duty"] = duty, ["Schedule:Applicability:0:Areas:0"] = area });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ScheduleOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddQaBot_DutySettingForUnknownDuty_StartUpValidationNamesIt()
    {
        using var services = Build(new() { ["Schedule:Duties:no-such-duty:Due"] = "first-working-day" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ScheduleOptions>>().Value);

        Assert.Contains("Schedule:Duties:no-such-duty: there is no duty 'no-such-duty'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddQaBot_DutySettingForShippedDuty_IsAccepted()
    {
        using var services = Build(new() { ["Schedule:Duties:team-manager-supervision:Due"] = "day-of-period:20" });

        Assert.NotNull(services.GetRequiredService<ScheduleEngine>());
    }

    [Fact]
    public void AddQaBot_CalendarDirectoryMissing_StartUpValidationNamesTheFile()
    {
        using var services = Build(new() { ["Framework:CalendarDirectory"] = "NoSuchFolder" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ScheduleOptions>>().Value);

        Assert.Contains("Framework:CalendarDirectory", error.Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchFolder", error.Message, StringComparison.Ordinal);
    }
}
