using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Organisation;
using QaBot.Application.Organisation.Import;
using QaBot.Application.Storage;
using QaBot.Application.Tracking;
using QaBot.Composition;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Organisation.Import;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Demo;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Conversations;

/// <summary>
/// The demo council seeded once into fresh tables in the test Azurite, as <c>qabot demo seed --as-of 2026-11-20</c>
/// seeds it (the same directory import and history), with the bot host running over the same tables at 09:30 that
/// day. Tests of one class share it: each works with its own people and items.
/// </summary>
public class DemoCouncilFixture : IAsyncLifetime
{
    /// <summary>Friday 20 November 2026.</summary>
    public static readonly DateOnly AsOf = new(2026, 11, 20);

    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    public string Prefix { get; } = Azurite.UniqueName("conv");

    public Dictionary<string, string?> Settings => new()
    {
        ["Storage:ConnectionString"] = Azurite.Instance.ConnectionString,
        ["Storage:TablePrefix"] = Prefix,
    };

    public BotHost Host { get; private set; } = null!;

    public IServiceProvider Services => Host.Services;

    public IReadOnlyList<NewItem> History { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var time = new FakeTimeProvider(Now);
        await using (var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddQaBot(configuration)
            .BuildServiceProvider())
        {
            await services.GetRequiredService<IStorageInitializer>().InitializeAsync();
            var directory = services.GetRequiredService<IDirectoryStore>();
            var council = DemoCouncil.Create();
            var plan = DirectoryImportPlanner.Plan(new DirectoryImportInput(
                "demo council people",
                council.People,
                "demo council areas",
                council.Areas,
                services.GetRequiredService<FrameworkCatalogue>().Roles.Select(r => r.Id).ToHashSet(),
                await directory.GetSnapshotAsync(),
                Person.Sources.Demo,
                AsOf,
                services.GetRequiredService<OrganisationPolicy>()));
            Assert.True(plan.IsValid, string.Join(Environment.NewLine, plan.Problems));
            var origin = new AuditOrigin("cli", "demo seed");
            await services.GetRequiredService<DirectoryImporter>().ApplyAsync(plan, Actor.System("demo"), origin);
            History = DemoHistory.Create(plan.Desired!, services.GetRequiredService<ScheduleEngine>(), AsOf);
            await services.GetRequiredService<ITrackingStore>().AddIfAbsentAsync(History, origin);
        }

        Host = CreateHost();
        Host.CreateClient().Dispose();
    }

    /// <summary>The bot host over the seeded tables (a derived fixture can add settings or services).</summary>
    protected virtual BotHost CreateHost() => new(replaceHandler: false, settings: Settings, now: Now);

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        var service = new Azure.Data.Tables.TableServiceClient(Azurite.Instance.ConnectionString);
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(Prefix) >= 0 && t.Name.CompareTo(Prefix + "~") < 0))
        {
            await service.DeleteTableAsync(table.Name);
        }
    }
}
