using System.ComponentModel.DataAnnotations;
using QaBot.Application.Configuration;

namespace QaBot.Application.Tests.Configuration;

[Trait("Category", "Fast")]
public sealed class RemindersAndGraphOptionsTests
{
    private static List<string> Problems(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage!)];
    }

    [Fact]
    public void RemindersOptions_Defaults_AreValid()
    {
        var options = new RemindersOptions();

        Assert.Empty(Problems(options));
        Assert.Equal("reminders-poison", options.PoisonQueueName);
    }

    [Fact]
    public void RemindersOptions_EveryValueOutOfRange_IsNamedInTheProblem()
    {
        var options = new RemindersOptions
        {
            LimiterMargin = TimeSpan.FromSeconds(2),
            VisibilityTimeout = TimeSpan.Zero,
            RetryBaseDelay = TimeSpan.FromSeconds(10),
            RetryMaxDelay = TimeSpan.FromSeconds(5),
            ThrottleMarkerRefresh = TimeSpan.Zero,
            FirstRunLookback = TimeSpan.FromHours(-1),
            DefaultServiceUrl = "ftp://smba.example/",
        };

        Assert.Equal(
            [
                "Reminders:LimiterMargin must be between 00:00:00 and 00:00:01.",
                "Reminders:VisibilityTimeout must be between 1 second and 7 days.",
                "Reminders:RetryBaseDelay must be positive and no more than Reminders:RetryMaxDelay.",
                "Reminders:ThrottleMarkerRefresh must be positive.",
                "Reminders:FirstRunLookback cannot be negative; Reminders:MaxCatchUp and Reminders:RunLease must be positive.",
                "Reminders:DefaultServiceUrl must be an absolute https URL.",
            ],
            Problems(options));
    }

    [Theory]
    [InlineData("LimiterMargin", -1)]
    [InlineData("VisibilityTimeout", 8 * 24 * 3600)]
    [InlineData("RetryBaseDelay", 0)]
    [InlineData("MaxCatchUp", 0)]
    [InlineData("RunLease", 0)]
    public void RemindersOptions_OtherEdges_AreRefused(string property, int seconds)
    {
        var options = new RemindersOptions();
        typeof(RemindersOptions).GetProperty(property)!.SetValue(options, TimeSpan.FromSeconds(seconds));

        Assert.Single(Problems(options));
    }

    [Fact]
    public void RemindersOptions_SharedRateBudgetWithHeadroomOfTheWholeLimit_IsRefused()
    {
        Assert.Empty(Problems(new RemindersOptions { SharedRateBudget = true }));
        Assert.Equal(
            ["Reminders:SharedRateHeadroom must be less than Reminders:GlobalRequestsPerSecond: it is the part of each second's requests left unused."],
            Problems(new RemindersOptions { SharedRateBudget = true, GlobalRequestsPerSecond = 10, SharedRateHeadroom = 10 }));

        // No spare place at all leaves nothing for the network: refused whatever the other settings.
        Assert.Contains("SharedRateHeadroom", Assert.Single(Problems(new RemindersOptions { SharedRateBudget = true, SharedRateHeadroom = 0 })), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/")]
    public void RemindersOptions_ServiceUrlThatIsNotAbsolute_IsRefused(string url)
    {
        Assert.Equal(["Reminders:DefaultServiceUrl must be an absolute https URL."], Problems(new RemindersOptions { DefaultServiceUrl = url }));
    }

    [Fact]
    public void RemindersOptions_QueueNameWithCapitals_IsRefusedWithTheRule()
    {
        Assert.Equal(["Reminders:QueueName must be 3 to 56 lowercase letters, digits and single hyphens."], Problems(new RemindersOptions { QueueName = "Reminders" }));
    }

    [Fact]
    public void GraphSyncOptions_Defaults_AreValid()
    {
        Assert.Empty(Problems(new GraphSyncOptions()));
    }

    [Fact]
    public void GraphSyncOptions_BadValues_EachSayWhatIsExpected()
    {
        var options = new GraphSyncOptions
        {
            MeetingHorizon = TimeSpan.FromDays(7),
            InstallRecheckInterval = TimeSpan.FromMinutes(30),
            TeamsAppCatalogId = "qabot",
        };
        options.OrganiserMailboxes.Add("qa.boards@council.example");
        options.OrganiserMailboxes.Add("not a mailbox");

        Assert.Equal(
            [
                "Graph:OrganiserMailboxes:1: 'not a mailbox' is not a mailbox address (name@domain).",
                "Graph:MeetingHorizon must be from 28 days to 3 years.",
                "Graph:InstallRecheckInterval must be at least an hour.",
                "Graph:TeamsAppCatalogId: 'qabot' is not the app's catalogue id (a GUID; docs/deploy.md step 9 shows how to find it).",
            ],
            Problems(options));
    }

    [Fact]
    public void GraphSyncOptions_HorizonLongerThanThreeYears_IsRefused()
    {
        Assert.Equal(["Graph:MeetingHorizon must be from 28 days to 3 years."], Problems(new GraphSyncOptions { MeetingHorizon = TimeSpan.FromDays(1200) }));
    }

    [Fact]
    public void DirectorySyncOptions_BrokenRules_AreReportedThroughTheGraphSection()
    {
        var options = new GraphSyncOptions();
        options.DirectorySync.AreaRules.Add(new AreaRuleOptions());
        options.DirectorySync.AreaRules.Add(new AreaRuleOptions { Department = "(unclosed", JobTitle = "Officer", AreaPath = "Schools" });
        options.DirectorySync.RoleRules.Add(new RoleRuleOptions());
        var role = new RoleRuleOptions { JobTitle = "[bad", Department = "Schools" };
        role.Roles.Add("Not A Role");
        options.DirectorySync.RoleRules.Add(role);

        var problems = Problems(options);

        Assert.Equal(7, problems.Count);
        Assert.Equal("Graph:DirectorySync:AreaRules:0: give a Department or a JobTitle pattern (or both).", problems[0]);
        Assert.Equal("Graph:DirectorySync:AreaRules:0:AreaPath: required, e.g. \"Early Help & Safeguarding > Locality: Chesterfield\".", problems[1]);
        Assert.StartsWith("Graph:DirectorySync:AreaRules:1:Department: '(unclosed' is not a valid pattern: ", problems[2], StringComparison.Ordinal);
        Assert.Equal("Graph:DirectorySync:RoleRules:0: give a JobTitle or a Department pattern (or both).", problems[3]);
        Assert.Equal("Graph:DirectorySync:RoleRules:0:Roles: list the framework role ids the rule gives, e.g. team-manager.", problems[4]);
        Assert.Equal("Graph:DirectorySync:RoleRules:1:Roles:0: 'Not A Role' is not a role id.", problems[5]);
        Assert.StartsWith("Graph:DirectorySync:RoleRules:1:JobTitle: '[bad' is not a valid pattern: ", problems[6], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Team Manager", "team manager", true)]
    [InlineData("Team Manager", "Senior Team Manager", false)]
    [InlineData("Team (One|Two)", "team two", true)]
    public void Pattern_MatchesTheWholeValueIgnoringCase(string pattern, string value, bool matches)
    {
        Assert.Equal(matches, DirectorySyncOptions.Pattern(pattern).IsMatch(value));
    }
}
