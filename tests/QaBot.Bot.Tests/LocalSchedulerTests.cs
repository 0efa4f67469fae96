using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QaBot.Application.Conversations;
using QaBot.Application.Organisation;
using QaBot.Application.Storage;
using QaBot.Application.Tracking;
using QaBot.Composition;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Testing;
using QaBot.Testing.Organisation;

namespace QaBot.Bot.Tests;

/// <summary>Reminders:RunInProcess: the bot runs the reminder schedule itself, as the Functions app does in Azure.</summary>
[Trait("Category", "Storage")]
public sealed class LocalSchedulerTests
{
    private static readonly RoleId Leader = new("test-leader");
    private static readonly PersonId Social = TestDirectory.Id(3);

    private static Dictionary<string, string?> Settings(bool runInProcess) => new()
    {
        ["Storage:ConnectionString"] = Azurite.Instance.ConnectionString,
        ["Storage:TablePrefix"] = Azurite.UniqueName("l"),
        ["Reminders:QueueName"] = Azurite.UniqueName("lq"),
        ["Reminders:RunInProcess"] = runInProcess ? "true" : "false",
    };

    /// <summary>What the bot would have in storage: a social worker with a reminder an hour ago, and their chat.</summary>
    private static async Task SeedAsync(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQaBot(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IStorageInitializer>().InitializeAsync();
        var directory = provider.GetRequiredService<IDirectoryStore>();
        var audit = new AuditEntry(TestItems.CreatedAt, Actor.System("test"), "added", "person:test", "test", TestItems.Origin);
        foreach (var area in TestDirectory.Areas)
        {
            await directory.SaveAreaAsync(area, null, audit);
        }

        await directory.SavePersonAsync(TestDirectory.NewPerson(1, TestDirectory.ChesterfieldTeam1, null, Leader), null, audit);
        await directory.SavePersonAsync(TestDirectory.NewPerson(3, TestDirectory.ChesterfieldTeam1, TestDirectory.Id(1), new RoleId("test-worker")), null, audit);
        var now = TimeProvider.System.GetUtcNow();
        var due = DateOnly.FromDateTime(now.UtcDateTime).AddDays(10);
        await provider.GetRequiredService<ITrackingStore>().AddIfAbsentAsync(
            [TrackedItem.FromOccurrence(
                new Occurrence(new OccurrenceId("supervision-local"), new DutyId("supervision"), Social, due, due.AddDays(-28), due, [now.AddHours(-1)], null, false),
                TestDirectory.ChesterfieldTeam1,
                TestItems.CreatedAt,
                Actor.System("scheduler"))],
            TestItems.Origin);
        await provider.GetRequiredService<IConversationReferenceStore>().SaveAsync(
            new ConversationReference(Social, "msteams", "http://localhost:56150/_connector", "a:" + Social.Value, "29:" + Social.Value, "28:local-bot", "test-tenant"),
            TestItems.CreatedAt);
    }

    [Fact]
    public async Task Start_RunInProcessOff_BotStartsWithoutTheReminderPipelineAndSendsNothing()
    {
        var settings = Settings(runInProcess: false);
        await SeedAsync(settings);
        // No digest renderer is registered here: with the scheduler off the bot must not need the reminder pipeline.
        using var host = new BotHost(authenticated: false, settings: settings, configureServices: services => services.AddSingleton(TimeProvider.System));
        using var client = host.CreateClient();

        // The scheduler's work ends as soon as the host starts when it is off, so nothing can be sent later either.
        var scheduler = host.Services.GetServices<IHostedService>().OfType<BackgroundService>()
            .Single(s => s.GetType().Name == "InProcessReminderScheduler");
        await scheduler.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(scheduler.ExecuteTask.IsCompletedSuccessfully);
        Assert.Empty(host.Connector.Requests);
        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId.Id == 6301);
    }
}
