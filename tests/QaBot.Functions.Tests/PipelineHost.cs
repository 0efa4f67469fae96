using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Conversations;
using QaBot.Application.Delivery;
using QaBot.Application.Organisation;
using QaBot.Application.Reminders;
using QaBot.Application.Storage;
using QaBot.Application.Tracking;
using QaBot.Composition;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Infrastructure.Reminders;
using QaBot.Testing;
using QaBot.Testing.Connector;
using QaBot.Testing.Organisation;
using QaBot.Testing.Scheduling;

namespace QaBot.Functions.Tests;

/// <summary>
/// The reminder pipeline as the Functions app registers it (<c>AddQaBot</c>), against fresh tables and queues in the
/// test Azurite and a fake Bot Connector on loopback. Digests render as text naming themselves
/// (<see cref="TestDigestRenderer"/>), and the bot may open chats (its id and tenant are set).
/// </summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private static readonly AuditEntry Audit = new(TestItems.CreatedAt, Actor.System("test"), "added", "person:test", "test", TestItems.Origin);

    private PipelineHost(ServiceProvider services, FakeBotConnector connector)
    {
        Services = services;
        Connector = connector;
    }

    public ServiceProvider Services { get; }

    public FakeBotConnector Connector { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public RemindersOptions Options => Get<IOptions<RemindersOptions>>().Value;

    public ISendLedger Ledger => Get<ISendLedger>();

    public AzureDigestOutbox Queue => Get<AzureDigestOutbox>();

    /// <summary>Test settings: fast retries, a short visibility timeout; override any with <paramref name="settings"/>.</summary>
    public static async Task<PipelineHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null,
        bool sampleFramework = false)
    {
        var connector = await FakeBotConnector.StartAsync();
        var values = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.Instance.ConnectionString,
            ["Storage:TablePrefix"] = Azurite.UniqueName("f"),
            ["Reminders:QueueName"] = Azurite.UniqueName("rq"),
            ["Reminders:RetryBaseDelay"] = "00:00:00.050",
            ["Reminders:RetryMaxDelay"] = "00:00:00.200",
            ["Reminders:VisibilityTimeout"] = "00:00:02",
            ["Reminders:ThrottleMarkerRefresh"] = "00:00:00.200",
            ["Reminders:LimiterMargin"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddQaBot(configuration);
        services.Replace(ServiceDescriptor.Singleton<IDigestRenderer, TestDigestRenderer>());
        services.Replace(ServiceDescriptor.Singleton(new PersonalChatSettings("28:test-bot", "test-tenant", connector.ServiceUrl)));
        if (sampleFramework)
        {
            services.Replace(ServiceDescriptor.Singleton(_ => new ScheduleEngine(SampleFramework.Catalogue, SampleFramework.Calendar, SchedulePolicy.Default)));
            services.Replace(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<ScheduleEngine>().Rules));
            services.Replace(ServiceDescriptor.Singleton(_ => SampleFramework.Calendar));
        }

        services.Replace(ServiceDescriptor.Singleton(_ => TestDirectory.Policy));
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IStorageInitializer>().InitializeAsync();
        await provider.GetRequiredService<IDigestOutbox>().CreateIfMissingAsync();
        return new PipelineHost(provider, connector);
    }

    public async Task AddPeopleAsync(IEnumerable<Area> areas, IEnumerable<Person> people)
    {
        var directory = Get<IDirectoryStore>();
        foreach (var area in areas)
        {
            Assert.True((await directory.SaveAreaAsync(area, null, Audit with { Subject = "area:" + area.Id })).Saved);
        }

        foreach (var person in people)
        {
            Assert.True((await directory.SavePersonAsync(person, null, Audit with { Subject = "person:" + person.Id })).Saved);
        }
    }

    public Task<int> AddItemsAsync(params TrackedItem[] items) => Get<ITrackingStore>().AddIfAbsentAsync(items, TestItems.Origin);

    /// <summary>Saves a conversation for the person, as if they had talked to the bot.</summary>
    public Task SaveConversationAsync(PersonId person) =>
        Get<IConversationReferenceStore>().SaveAsync(new ConversationReference(person, "msteams", Connector.ServiceUrl, "a:" + person.Value, "29:" + person.Value, "28:test-bot", "test-tenant"), TestItems.CreatedAt);

    /// <summary>One pass as <c>qabot tick --at</c> runs it.</summary>
    public Task<(RunOutcome Run, DrainSummary Sent)> TickAsync(DateTimeOffset at) => Get<ReminderTick>().RunAsync(at, null, CancellationToken.None);

    /// <summary>
    /// A separate sender (its own limiter and throttle view), as a second instance or a restarted one would be. With
    /// <paramref name="shared"/>, it claims its requests from the rate budget in storage that every shared sender
    /// draws on (<c>Reminders:SharedRateBudget</c>), as one of several instances side by side does.
    /// </summary>
    public DigestQueueDrain NewSender(bool startQuiet, IDigestSource? source = null, bool shared = false)
    {
        var options = Options;
        var time = TimeProvider.System;
        var local = new RequestRateLimiter(options.GlobalRequestsPerSecond, options.PerConversationRequestsPerSecond, options.LimiterMargin, time, startQuiet);
        var throttle = new ThrottleGate(Get<IThrottleMarker>(), time, options.ThrottleMarkerRefresh);
        ISendBudget budget = shared
            ? new SharedSendBudget(new SharedRateLimiter(Get<IRateWindowStore>(), local, Math.Max(1, options.GlobalRequestsPerSecond / 5), options.SharedRateHeadroom, time), throttle)
            : new InProcessSendBudget(local, throttle);
        var delivery = new DigestDelivery(
            Ledger,
            source ?? Get<IDigestSource>(),
            Get<IDigestRenderer>(),
            Get<IConversationReferenceStore>(),
            Services.GetRequiredKeyedService<IConversationSender>(ConversationSenders.Reminders),
            budget,
            Get<PersonalChatSettings>(),
            options,
            time,
            NullLogger<DigestDelivery>.Instance);
        return new DigestQueueDrain(Queue, delivery, options, time, NullLogger<DigestQueueDrain>.Instance);
    }

    /// <summary>Queues a digest with its ledger entry, as the run does.</summary>
    public async Task QueueDigestAsync(string runId, PersonId person, DateOnly asOf)
    {
        var now = TimeProvider.System.GetUtcNow();
        var message = new DigestMessage(runId, person, asOf);
        Assert.True((await Ledger.CreateAsync(new SendRecord(message.Key, SendState.Pending, 0, null, null, null, [], false, now, now))).Saved);
        await Queue.EnqueueAsync(DigestBundle.Of(message));
    }

    /// <summary>Queues the people's digests with their ledger entries as the run does, <paramref name="perMessage"/> to a queue message.</summary>
    public async Task QueueDigestsAsync(string runId, IReadOnlyList<PersonId> people, DateOnly asOf, int perMessage = 16)
    {
        var now = TimeProvider.System.GetUtcNow();
        await Parallel.ForEachAsync(people.Chunk(perMessage), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, ct) =>
        {
            foreach (var person in chunk)
            {
                Assert.True((await Ledger.CreateAsync(new SendRecord(new DigestKey(runId, person), SendState.Pending, 0, null, null, null, [], false, now, now), ct)).Saved);
            }

            await Queue.EnqueueAsync(new DigestBundle(runId, asOf, chunk), ct);
        });
    }

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    public static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
