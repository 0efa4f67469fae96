using QaBot.Application.Assurance;
using QaBot.Application.Compliance;
using QaBot.Conversations.Turns;
using QaBot.Testing;

namespace QaBot.Conversations.Tests.Turns;

[Trait("Category", "Fast")]
public sealed class IntentReaderTests
{
    [Theory]
    [MemberData(nameof(TeamsAppManifest.CommandTitles), MemberType = typeof(TeamsAppManifest))]
    public void Read_EveryManifestCommand_Understood(string command)
    {
        var intent = IntentReader.Read(command);

        Assert.NotEqual(MessageIntentKind.Unknown, intent.Kind);
        Assert.Null(intent.Area);
    }

    [Theory]
    [InlineData("how is Chesterfield doing on supervision", "chesterfield", "supervision", CompliancePeriod.LastMonth)]
    [InlineData("How's Locality: Bolsover doing with audits?", "locality: bolsover", "audits", CompliancePeriod.LastMonth)]
    [InlineData("compliance for my area last quarter", null, null, CompliancePeriod.LastQuarter)]
    [InlineData("how did we do last month", null, null, CompliancePeriod.LastMonth)]
    [InlineData("how did we do in the last quarter on supervision", null, "supervision", CompliancePeriod.LastQuarter)]
    [InlineData("how are we doing on time?", null, null, CompliancePeriod.LastMonth)]
    [InlineData("on time in Bolsover last quarter", "bolsover", null, CompliancePeriod.LastQuarter)]
    public void Read_ComplianceQuestions_AreaDutyAndPeriod(string text, string? area, string? duty, CompliancePeriod period)
    {
        var intent = IntentReader.Read(text);

        Assert.Equal((MessageIntentKind.Compliance, area, duty, period), (intent.Kind, intent.Area, intent.Duty, intent.Period));
    }

    [Theory]
    [InlineData("themes this quarter", ReviewPeriod.ThisQuarter)]
    [InlineData("What themes came up last quarter?", ReviewPeriod.LastQuarter)]
    [InlineData("reflective case reviews", ReviewPeriod.ThisQuarter)]
    [InlineData("RCRs in the previous quarter", ReviewPeriod.LastQuarter)]
    [InlineData("judgements this quarter", ReviewPeriod.ThisQuarter)]
    public void Read_ReviewQuestions_WithTheirQuarter(string text, ReviewPeriod period)
    {
        var intent = IntentReader.Read(text);

        Assert.Equal((MessageIntentKind.Reviews, period), (intent.Kind, intent.ReviewPeriod));
    }

    [Theory]
    [InlineData("audits in progress")]
    [InlineData("Which audits are open?")]
    [InlineData("my case audits")]
    [InlineData("audit")]
    public void Read_AuditQuestions_AreAboutAudits(string text) =>
        Assert.Equal(MessageIntentKind.Audits, IntentReader.Read(text).Kind);

    [Theory]
    [InlineData("arrange an audit")]
    [InlineData("Can I set up an audit?")]
    [InlineData("new audit")]
    [InlineData("create an audit please")]
    public void Read_ArrangingAnAudit_AsksForTheForm(string text) =>
        Assert.Equal(MessageIntentKind.ArrangeAudit, IntentReader.Read(text).Kind);

    [Theory]
    [InlineData("learning days")]
    [InlineData("Which practice learning days are planned?")]
    [InlineData("learning day")]
    public void Read_LearningDayQuestions_AreAboutLearningDays(string text) =>
        Assert.Equal(MessageIntentKind.LearningDays, IntentReader.Read(text).Kind);

    [Theory]
    [InlineData("my programme")]
    [InlineData("Show me my programme of visits")]
    [InlineData("plan my visits")]
    [InlineData("programme of meetings")]
    public void Read_ProgrammeQuestions_AskForTheProgrammeCard(string text) =>
        Assert.Equal(MessageIntentKind.Programme, IntentReader.Read(text).Kind);

    [Fact]
    public void Read_OverdueCaseReviews_StaysAQuestionAboutWhatIsOverdue() =>
        Assert.Equal(MessageIntentKind.Overdue, IntentReader.Read("which case reviews are overdue").Kind);

    [Theory]
    [InlineData("my tasks", MessageIntentKind.MyTasks)]
    [InlineData("My Tasks", MessageIntentKind.MyTasks)]
    [InlineData("what's due", MessageIntentKind.MyTasks)]
    [InlineData("What\u2019s due?", MessageIntentKind.MyTasks)]
    [InlineData("show me my tasks", MessageIntentKind.MyTasks)]
    [InlineData("what do I need to do", MessageIntentKind.MyTasks)]
    [InlineData("due this week", MessageIntentKind.DueThisWeek)]
    [InlineData("What's due this week?", MessageIntentKind.DueThisWeek)]
    [InlineData("log activity", MessageIntentKind.LogActivity)]
    [InlineData("record leave", MessageIntentKind.Leave)]
    [InlineData("I'm on annual leave next week", MessageIntentKind.Leave)]
    [InlineData("absence", MessageIntentKind.Leave)]
    [InlineData("who is covering", MessageIntentKind.Leave)]
    [InlineData("my tasks while I was away", MessageIntentKind.MyTasks)]
    [InlineData("themes on school absence", MessageIntentKind.Reviews)]
    [InlineData("Log an activity", MessageIntentKind.LogActivity)]
    [InlineData("how are we doing", MessageIntentKind.Compliance)]
    [InlineData("How are we doing on time?", MessageIntentKind.Compliance)]
    [InlineData("compliance", MessageIntentKind.Compliance)]
    [InlineData("show me our performance", MessageIntentKind.Compliance)]
    [InlineData("help", MessageIntentKind.Help)]
    [InlineData("Hi", MessageIntentKind.Help)]
    [InlineData("?", MessageIntentKind.Help)]
    [InlineData("", MessageIntentKind.Help)]
    [InlineData("make me a cup of tea", MessageIntentKind.Unknown)]
    public void Read_CommandsAndVariants_TheRightIntent(string text, MessageIntentKind expected)
    {
        Assert.Equal(expected, IntentReader.Read(text).Kind);
    }

    [Theory]
    [InlineData("what's overdue in my area", null)]
    [InlineData("WHAT'S OVERDUE IN MY AREA??", null)]
    [InlineData("whats overdue", null)]
    [InlineData("what's overdue for my team", null)]
    [InlineData("overdue in Chesterfield", "chesterfield")]
    [InlineData("What\u2019s overdue in the High Peak please?", "high peak")]
    [InlineData("what's overdue in Early Help & Safeguarding", "early help & safeguarding")]
    [InlineData("anything late across Locality: Bolsover", "locality: bolsover")]
    public void Read_OverdueQuestions_TheAreaAskedAbout(string text, string? area)
    {
        var intent = IntentReader.Read(text);

        Assert.Equal(MessageIntentKind.Overdue, intent.Kind);
        Assert.Equal(area, intent.Area);
    }

    [Fact]
    public void Read_OverdueInAHugeArea_AreaCutBeforeMatching()
    {
        var intent = IntentReader.Read("overdue in " + string.Concat(Enumerable.Repeat("chesterfield ", 28 * 1024 / 13)));

        Assert.Equal(MessageIntentKind.Overdue, intent.Kind);
        Assert.NotNull(intent.Area);
        Assert.InRange(intent.Area.Length, 1, IntentReader.MaxAreaLength);
        Assert.StartsWith("chesterfield chesterfield", intent.Area, StringComparison.Ordinal);
    }
}
