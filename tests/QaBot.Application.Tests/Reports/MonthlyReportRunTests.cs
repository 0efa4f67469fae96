using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Compliance;
using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Application.Reports;
using QaBot.Application.Tracking;
using QaBot.Core.Compliance;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing.InMemory;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Reports;

[Trait("Category", "Fast")]
public sealed class MonthlyReportRunTests
{
    private const string Smt = "19:smt@thread.tacv2";
    private const string Members = "19:members@thread.tacv2";
    private const string General = "19:general@thread.tacv2";

    /// <summary>Tuesday 1 December 2026, 09:15 in London: the first working day of December.</summary>
    private static readonly DateTimeOffset FirstWorkingDay = new(2026, 12, 1, 9, 15, 0, TimeSpan.Zero);

    private static readonly ReportMonth November = new(2026, 11);

    private readonly InMemoryTrackingStore _tracking = new();
    private readonly InMemoryReportLedger _ledger = new();
    private readonly InMemoryTeamChannelStore _channels = new();
    private readonly RecordingSender _sender = new();
    private readonly RecordingRenderer _renderer = new();
    private int _next;

    private static ReportOptions Options => new()
    {
        Channels =
        [
            new ReportChannelOptions { Name = "smt", Channel = Smt, Area = Department.Value, Audience = ReportAudience.Officers },
            new ReportChannelOptions { Name = "members", Channel = Members, Team = General, Area = Department.Value, Audience = ReportAudience.Members },
        ],
    };

    private MonthlyReportRun Run(ReportOptions? options = null)
    {
        options ??= Options;
        var rules = new ScheduleRules(SampleFramework.Calendar, SchedulePolicy.Default);
        var directory = InMemoryDirectoryStore.With(Areas, People);
        return new MonthlyReportRun(
            options,
            new ComplianceReportQuery(new InMemoryComplianceStore(_tracking), rules, options),
            _ledger,
            _channels,
            _sender,
            _renderer,
            new AreaTreeCache(directory, new FakeTimeProvider(FirstWorkingDay)),
            SampleFramework.Calendar,
            NullLogger<MonthlyReportRun>.Instance);
    }

    private async Task InstallAsync(string conversation = Smt, string team = Smt) =>
        await _channels.SaveAsync(new TeamChannel(conversation, team, "msteams", "https://smba.example/uk/", "28:bot", "tenant"), FirstWorkingDay.AddDays(-10));

    [Theory]
    [InlineData("2027-01-01T09:30:00Z", null)]
    [InlineData("2027-01-04T08:59:00Z", null)]
    [InlineData("2027-01-04T09:00:00Z", "2026-12")]
    [InlineData("2027-01-05T09:30:00Z", null)]
    [InlineData("2026-12-01T09:00:00Z", "2026-11")]
    [InlineData("2026-06-01T07:59:00Z", null)]
    [InlineData("2026-06-01T08:00:00Z", "2026-05")]
    public void MonthDue_FirstWorkingDayFromNineLocalTime_TheMonthJustEnded(string at, string? month)
    {
        // New Year's Day 2027 is a Friday bank holiday: the first working day is Monday 4 January. June is in BST.
        Assert.Equal(month, Run().MonthDue(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture))?.ToString());
    }

    [Fact]
    public async Task RunAsync_NotTheFirstWorkingDay_PostsNothing()
    {
        await InstallAsync();

        var result = await Run().RunAsync(FirstWorkingDay.AddDays(1), CancellationToken.None);

        Assert.Same(MonthlyReportResult.NotDue, result);
        Assert.Empty(_sender.Posts);
    }

    [Fact]
    public async Task RunAsync_RunTwice_EachChannelPostedOnceWithTheMonthJustEnded()
    {
        await InstallAsync();
        await InstallAsync(General, General);
        await AddAsync(ChesterfieldTeam1, onTime: 8, late: 2);

        var first = await Run().RunAsync(FirstWorkingDay, CancellationToken.None);
        var second = await Run().RunAsync(FirstWorkingDay.AddHours(1), CancellationToken.None);

        Assert.Equal((November, 2), (first.Month, first.Posted));
        Assert.Equal(0, second.Posted);
        Assert.Equal([Smt, Members], _sender.Posts.Select(p => p.Channel.ConversationId));
        Assert.Equal(General, _sender.Posts[1].Channel.TeamId);
        Assert.All(second.Deliveries, d => Assert.Equal(ReportDeliveryState.Sent, d.State));
        var report = _renderer.Reports[0];
        Assert.Equal((November, Department), (report.Month, report.Area.Id));
        Assert.Equal((10, 8, 0.8), (report.Total!.Figures.Due, report.Total.Figures.OnTime, report.Total.Figures.OnTimeRate));
        Assert.Equal([EarlyHelp], report.ByArea.Select(a => a.Figures.Area));
        Assert.Equal(EarlyHelp, Assert.Single(report.Weakest).Figures.Area);
    }

    [Fact]
    public async Task RunAsync_MembersChannel_SmallNumbersSuppressed()
    {
        await InstallAsync(General, General);
        await AddAsync(ChesterfieldTeam1, onTime: 8, late: 2);

        await Run(Options with { Channels = [Options.Channels[1]] }).RunAsync(FirstWorkingDay, CancellationToken.None);

        var total = Assert.Single(_renderer.Reports).Total!;
        Assert.True(total.IsHidden(FigureColumn.Late));
        Assert.False(total.IsHidden(FigureColumn.Due));
        Assert.True(total.ChangeWithheld);
    }

    [Fact]
    public async Task RunAsync_AppNotInTheTeam_NotReachableThenPostedOnceInstalled()
    {
        var options = Options with { Channels = [Options.Channels[0]] };

        var before = await Run(options).RunAsync(FirstWorkingDay, CancellationToken.None);
        await InstallAsync();
        var after = await Run(options).RunAsync(FirstWorkingDay.AddHours(1), CancellationToken.None);

        Assert.Equal(ReportDeliveryState.NotReachable, Assert.Single(before.Deliveries).State);
        Assert.Contains("add the app to the team", before.Deliveries[0].Problem, StringComparison.Ordinal);
        Assert.Equal((ReportDeliveryState.Sent, 1), (Assert.Single(after.Deliveries).State, after.Deliveries[0].Attempts));
        Assert.Single(_sender.Posts);
    }

    [Fact]
    public async Task RunAsync_RunStoppedMidPost_NotPostedAgain()
    {
        await InstallAsync();
        await _ledger.CreateAsync(new ReportDelivery("smt", November, ReportDeliveryState.Sending, 1, null, null, null, FirstWorkingDay));

        var result = await Run(Options with { Channels = [Options.Channels[0]] }).RunAsync(FirstWorkingDay.AddHours(1), CancellationToken.None);

        Assert.Empty(_sender.Posts);
        Assert.Equal(ReportDeliveryState.Sending, Assert.Single(result.Deliveries).State);
    }

    [Fact]
    public async Task RunAsync_TeamsAnswers403_ChannelMarkedStaleAndFailureTriedAgain()
    {
        await InstallAsync();
        var options = Options with { Channels = [Options.Channels[0]] };
        _sender.Outcomes.Enqueue(new SendOutcome { Status = SendStatus.Stale, StatusCode = 403, Reason = "403 Forbidden" });
        _sender.Outcomes.Enqueue(new SendOutcome { Status = SendStatus.Failed, StatusCode = 502, Reason = "502 Bad Gateway" });

        var stale = await Run(options).RunAsync(FirstWorkingDay, CancellationToken.None);
        await InstallAsync(serviceUrl: "https://smba.example/emea/");
        var failed = await Run(options).RunAsync(FirstWorkingDay.AddHours(1), CancellationToken.None);
        var sent = await Run(options).RunAsync(FirstWorkingDay.AddHours(2), CancellationToken.None);

        Assert.Equal((ReportDeliveryState.NotReachable, 403), (stale.Deliveries[0].State, stale.Deliveries[0].LastStatusCode));
        Assert.Equal((ReportDeliveryState.Failed, 502), (failed.Deliveries[0].State, failed.Deliveries[0].LastStatusCode));
        Assert.Equal((ReportDeliveryState.Sent, 3), (sent.Deliveries[0].State, sent.Deliveries[0].Attempts));
        Assert.Equal(3, _sender.Posts.Count);
    }

    [Fact]
    public async Task RunAsync_ChannelReachedThroughItsTeamAnswers404_TheTeamMarkedStale()
    {
        await InstallAsync(General, General);
        _sender.Outcomes.Enqueue(new SendOutcome { Status = SendStatus.Stale, StatusCode = 404, Reason = "404 Not Found" });

        var result = await Run(Options with { Channels = [Options.Channels[1]] }).RunAsync(FirstWorkingDay, CancellationToken.None);

        Assert.Equal((ReportDeliveryState.NotReachable, 404), (Assert.Single(result.Deliveries).State, result.Deliveries[0].LastStatusCode));
        Assert.Equal(Members, Assert.Single(_sender.Posts).Channel.ConversationId);
        Assert.Equal("404 Not Found", (await _channels.GetAsync(General))!.StaleReason);
    }

    [Fact]
    public async Task RunAsync_AreaNotInTheDirectory_FailedWithTheReasonAndNothingPosted()
    {
        await InstallAsync();

        var result = await Run(Options with { Channels = [Options.Channels[0] with { Area = "childrens-services.closed-service" }] }).RunAsync(FirstWorkingDay, CancellationToken.None);

        Assert.Equal(ReportDeliveryState.Failed, Assert.Single(result.Deliveries).State);
        Assert.Contains("not in the directory", result.Deliveries[0].Problem, StringComparison.Ordinal);
        Assert.Empty(_sender.Posts);
    }

    private async Task InstallAsync(string serviceUrl) =>
        await _channels.SaveAsync(new TeamChannel(Smt, Smt, "msteams", serviceUrl, "28:bot", "tenant"), FirstWorkingDay.AddMinutes(30));

    private async Task AddAsync(AreaId team, int onTime, int late)
    {
        var due = November.FirstDay.AddDays(14);
        for (var i = 0; i < onTime + late; i++)
        {
            var item = TestItems.Open($"m-{_next++}", Id(6), team, due);
            await _tracking.AddIfAbsentAsync([item], TestItems.Origin);
            await _tracking.UpdateAsync(item.Key, x => ItemTransitions.Reply(x, TestItems.Reply(x, ReplyKind.Done, i < onTime ? due : due.AddDays(3))));
        }
    }

    private sealed class RecordingRenderer : IMonthlyReportRenderer
    {
        public List<MonthlyReport> Reports { get; } = [];

        public OutboundMessage Render(MonthlyReport report)
        {
            Reports.Add(report);
            return OutboundMessage.FromText($"report for {report.Channel.Name}");
        }
    }

    private sealed class RecordingSender : IConversationSender
    {
        public Queue<SendOutcome> Outcomes { get; } = new();

        public List<(TeamChannel Channel, OutboundMessage Message)> Posts { get; } = [];

        public Task<SendOutcome> PostToChannelAsync(TeamChannel channel, OutboundMessage message, CancellationToken cancellationToken)
        {
            Posts.Add((channel, message));
            return Task.FromResult(Outcomes.Count > 0 ? Outcomes.Dequeue() : new SendOutcome { Status = SendStatus.Sent, StatusCode = 201, ActivityId = "1:" + Posts.Count });
        }

        public Task<SendOutcome> SendAsync(ConversationReference conversation, OutboundMessage message, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SendOutcome> ReplyAsync(ConversationReference conversation, string replyToActivityId, OutboundMessage message, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SendOutcome> UpdateAsync(ConversationReference conversation, string activityId, OutboundMessage message, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<SendOutcome> CreatePersonalConversationAsync(PersonalConversationRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
