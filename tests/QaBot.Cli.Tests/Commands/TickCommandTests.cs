using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Application.Reminders;
using QaBot.Application.Storage;
using QaBot.Application.Tracking;
using QaBot.Composition;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing;
using QaBot.Testing.Connector;
using QaBot.Testing.Organisation;

namespace QaBot.Cli.Tests.Commands;

/// <summary>
/// <c>qabot tick --at</c> as the local run script uses it for time travel: against Azurite and a Bot Connector on
/// loopback (the Agents Playground's place), with no bot identity configured.
/// </summary>
[Trait("Category", "Storage")]
public sealed class TickCommandTests : IAsyncLifetime
{
    private static readonly RoleId Leader = new("test-leader");
    private static readonly RoleId Worker = new("test-worker");
    private static readonly OrganisationPolicy Policy = OrganisationPolicy.Create([Leader.Value], []);
    private static readonly PersonId Head = TestDirectory.Id(1);
    private static readonly PersonId Social = TestDirectory.Id(3);

    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Storage:ConnectionString"] = Azurite.Instance.ConnectionString,
        ["Storage:TablePrefix"] = Azurite.UniqueName("t"),
        ["Reminders:QueueName"] = Azurite.UniqueName("tq"),
        ["Reminders:RetryBaseDelay"] = "00:00:00.050",
        ["Reminders:RetryMaxDelay"] = "00:00:00.200",
        ["Reminders:VisibilityTimeout"] = "00:00:02",
    };

    private FakeBotConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();

        // What the running bot has written: the directory, one open item with a reminder on Monday 23 November at
        // 09:00, and the social worker's chat (they have talked to the bot through the connector on loopback).
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBot(new ConfigurationBuilder().AddInMemoryCollection(_settings).Build());
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IStorageInitializer>().InitializeAsync();
        var directory = provider.GetRequiredService<IDirectoryStore>();
        var audit = new AuditEntry(TestItems.CreatedAt, Actor.System("test"), "added", "person:test", "test", TestItems.Origin);
        foreach (var area in TestDirectory.Areas)
        {
            await directory.SaveAreaAsync(area, null, audit);
        }

        await directory.SavePersonAsync(TestDirectory.NewPerson(1, TestDirectory.ChesterfieldTeam1, null, Leader), null, audit);
        await directory.SavePersonAsync(TestDirectory.NewPerson(3, TestDirectory.ChesterfieldTeam1, Head, Worker), null, audit);
        var due = new DateOnly(2026, 11, 30);
        await provider.GetRequiredService<ITrackingStore>().AddIfAbsentAsync(
            [TrackedItem.FromOccurrence(
                new Occurrence(new OccurrenceId("supervision-x"), new DutyId("supervision"), Social, due, due.AddDays(-28), due, [new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)], null, false),
                TestDirectory.ChesterfieldTeam1,
                TestItems.CreatedAt,
                Actor.System("scheduler"))],
            TestItems.Origin);
        await provider.GetRequiredService<IConversationReferenceStore>().SaveAsync(
            new ConversationReference(Social, "msteams", _connector.ServiceUrl, "a:" + Social.Value, "29:" + Social.Value, "28:local-bot", "test-tenant"),
            TestItems.CreatedAt);
    }

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, _settings, services =>
        {
            services.Replace(ServiceDescriptor.Singleton(Policy));
            services.Replace(ServiceDescriptor.Singleton<IDigestRenderer, TestDigestRenderer>());
        });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Tick_AtMondayNineCouncilTime_SendsTheReminderThroughTheLoopbackConnectorOnce()
    {
        var (exit, output, error) = await RunAsync("tick", "--at", "2026-11-23 09:00");
        var again = await RunAsync("tick", "--at", "2026-11-23 09:00");

        Assert.True(exit == 0, output + error);
        Assert.Contains("Reminder run as of 2026-11-23 09:00 council time (2026-11-23 09:00Z).", output, StringComparison.Ordinal);
        Assert.Contains($"Sent           {Social}", output, StringComparison.Ordinal);
        Assert.Contains("Sent 1, stale 0", output, StringComparison.Ordinal);
        var send = Assert.Single(_connector.Accepted);
        Assert.Equal($"run-20261123T090000Z/{Social}", send.DigestId);

        Assert.Equal(0, again.Exit);
        Assert.Contains("Nothing new to cover", again.Output, StringComparison.Ordinal);
        Assert.Single(_connector.Accepted);
    }

    [Fact]
    public async Task Tick_AtTheFirstWorkingDay_PostsTheMonthlyReportToTheChannelOnce()
    {
        _settings["Reports:Channels:0:Name"] = "smt";
        _settings["Reports:Channels:0:Channel"] = "19:smt@thread.tacv2";
        _settings["Reports:Channels:0:Area"] = TestDirectory.Department.Value;
        await SaveChannelAsync("19:smt@thread.tacv2");

        var (exit, output, error) = await RunAsync("tick", "--at", "2026-12-01T09:00");
        var again = await RunAsync("tick", "--at", "2026-12-01T10:00");

        Assert.True(exit == 0, output + error);
        Assert.Contains("Monthly report for 2026-11: 1 channel(s) posted now.", output, StringComparison.Ordinal);
        Assert.Contains("Monthly report for 2026-11: 0 channel(s) posted now.", again.Output, StringComparison.Ordinal);
        Assert.StartsWith("Sent ", output.Trim().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Single(_connector.Accepted, r => r.ConversationId == "19:smt@thread.tacv2");
    }

    [Fact]
    public async Task RemindersDrain_TwoSendersOverTheRunsQueue_TheDigestIsSentOnceByOneOfThem()
    {
        _settings["Reminders:SharedRateBudget"] = "true";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBot(new ConfigurationBuilder().AddInMemoryCollection(_settings).Build());
        services.Replace(ServiceDescriptor.Singleton(Policy));
        int queued;
        await using (var provider = services.BuildServiceProvider())
        {
            var run = await provider.GetRequiredService<ReminderRunner>().RunAsync(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), CancellationToken.None);
            queued = run.Runs.Sum(r => r.Digests);
        }

        var both = await Task.WhenAll(RunAsync("reminders", "drain", "--instance", "sender-1"), RunAsync("reminders", "drain", "--instance", "sender-2"));

        Assert.All(both, b => Assert.True(b.Exit == 0, b.Output + b.Error));
        Assert.All(both, b => Assert.Contains("sharing 50 requests a second with every other sender", b.Output, StringComparison.Ordinal));
        Assert.Single(both, b => b.Output.Contains($"Sent           {Social}", StringComparison.Ordinal));
        Assert.Contains(both, b => b.Output.Contains("Sender sender-1: sent ", StringComparison.Ordinal));
        // The social worker's digest goes to their chat; their manager has no chat and the bot no identity to open one here.
        Assert.True(queued >= 1);
        var send = Assert.Single(_connector.Accepted);
        Assert.Equal($"run-20261123T090000Z/{Social}", send.DigestId);
    }

    [Fact]
    public async Task RemindersDrain_NameThatIsNotASenderName_RefusedNamingTheOption()
    {
        var (exit, _, error) = await RunAsync("reminders", "drain", "--instance", "sender one!");

        Assert.Equal(1, exit);
        Assert.Contains("--instance: 'sender one!' is not a sender name", error, StringComparison.Ordinal);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task Tick_NotTheFirstWorkingDay_SaysTheReportIsNotDue()
    {
        var (exit, output, error) = await RunAsync("tick", "--at", "2026-12-02T09:00");

        Assert.True(exit == 0, output + error);
        Assert.Contains("Monthly report: not due", output, StringComparison.Ordinal);
    }

    private async Task SaveChannelAsync(string channel)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBot(new ConfigurationBuilder().AddInMemoryCollection(_settings).Build());
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ITeamChannelStore>().SaveAsync(
            new TeamChannel(channel, channel, "msteams", _connector.ServiceUrl, "28:local-bot", "test-tenant"), TestItems.CreatedAt);
    }

    [Fact]
    public async Task Tick_AtSummerNineCouncilTime_RunsAsOfEightUtc()
    {
        var (exit, output, error) = await RunAsync("tick", "--at", "2026-06-23T09:00");

        Assert.True(exit == 0, output + error);
        Assert.Contains("(2026-06-23 08:00Z)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tick_AtNotADate_FailsNamingTheOptionAndSendsNothing()
    {
        var (exit, _, error) = await RunAsync("tick", "--at", "next monday");

        Assert.NotEqual(0, exit);
        Assert.Contains("--at: 'next monday' is not a date and time", error, StringComparison.Ordinal);
        Assert.Empty(_connector.Requests);
    }
}
