using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.BotFramework;
using QaBot.BotFramework.Connector;
using QaBot.Core.Configuration;
using QaBot.Core.Conversations;
using QaBot.Core.Delivery;
using QaBot.Core.Organisation;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;
using QaBot.Core.Tracking;
using QaBot.Infrastructure.Storage;

namespace QaBot.Infrastructure.Reminders;

public static class RemindersServiceCollectionExtensions
{
    /// <summary>The key of the connector client the reminder sender uses: one HTTP attempt per call, because the sender retries through its own ledger and limiter.</summary>
    public const string SenderKey = "reminders";

    /// <summary>
    /// The reminder run and its delivery (section <c>Reminders</c>): the run, the sender with its ledger, limiter and
    /// shared throttle marker, the queue, and the operators' status. Nothing connects until first use.
    /// </summary>
    public static IServiceCollection AddQaBotReminders(this IServiceCollection services)
    {
        services.AddOptions<RemindersOptions>()
            .BindConfiguration(RemindersOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RemindersOptions>, RemindersOptionsValidator>());

        services.TryAddSingleton<IReminderRunStore, TableReminderRunStore>();
        services.TryAddSingleton<IThrottleMarker, TableThrottleMarker>();
        services.TryAddSingleton<IDigestQueueClient>(sp =>
        {
            var options = Options(sp);
            var queues = StorageServiceCollectionExtensions.CreateQueueServiceClient(
                sp.GetRequiredService<IOptions<StorageOptions>>().Value,
                new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
            return new AzureDigestQueueClient(queues, options.QueueName, options.PoisonQueueName);
        });

        services.TryAddSingleton(sp => new DirectoryCache(sp.GetRequiredService<IDirectoryStore>(), sp.GetRequiredService<OrganisationPolicy>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IDigestSource>(sp => new StoredDigestSource(sp.GetRequiredService<DirectoryCache>(), sp.GetRequiredService<ITrackingStore>(), sp.GetRequiredService<ScheduleRules>()));

        // One limiter per process; the sender runs on one instance (docs/operations.md). It starts quiet for one
        // window so that a sender replacing one that stopped cannot add to the stopped one's last second.
        services.TryAddSingleton(sp =>
        {
            var options = Options(sp);
            return new RequestRateLimiter(options.GlobalRequestsPerSecond, options.PerConversationRequestsPerSecond, options.LimiterMargin, sp.GetRequiredService<TimeProvider>(), startQuiet: true);
        });
        services.TryAddSingleton(sp => new ThrottleGate(sp.GetRequiredService<IThrottleMarker>(), sp.GetRequiredService<TimeProvider>(), Options(sp).ThrottleMarkerRefresh));
        services.TryAddSingleton(sp =>
        {
            var bot = sp.GetRequiredService<IOptions<BotOptions>>().Value;
            return new PersonalChatSettings(
                string.IsNullOrWhiteSpace(bot.AppId) ? null : "28:" + bot.AppId,
                string.IsNullOrWhiteSpace(bot.TenantId) ? null : bot.TenantId,
                Options(sp).DefaultServiceUrl);
        });
        services.TryAddKeyedSingleton<IConversationSender>(SenderKey, (sp, _) => new BotConnectorClient(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IBotTokenProvider>(),
            ConnectorRetryPolicy.SingleAttempt,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<BotConnectorClient>>()));

        services.TryAddSingleton(sp => new DigestDelivery(
            sp.GetRequiredService<ISendLedger>(),
            sp.GetRequiredService<IDigestSource>(),
            sp.GetRequiredService<IDigestRenderer>(),
            sp.GetRequiredService<IConversationReferenceStore>(),
            sp.GetRequiredKeyedService<IConversationSender>(SenderKey),
            sp.GetRequiredService<RequestRateLimiter>(),
            sp.GetRequiredService<ThrottleGate>(),
            sp.GetRequiredService<PersonalChatSettings>(),
            Options(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DigestDelivery>>()));
        services.TryAddSingleton(sp => new ReminderRunner(
            sp.GetRequiredService<ITrackingStore>(),
            sp.GetRequiredService<IDirectoryStore>(),
            sp.GetRequiredService<OrganisationPolicy>(),
            sp.GetRequiredService<ScheduleEngine>(),
            sp.GetRequiredService<ISendLedger>(),
            sp.GetRequiredService<IDigestQueueClient>(),
            sp.GetRequiredService<IReminderRunStore>(),
            Options(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ReminderRunner>>()));
        services.TryAddSingleton(sp => new DigestQueueDrain(
            sp.GetRequiredService<IDigestQueueClient>(),
            sp.GetRequiredService<DigestDelivery>(),
            Options(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DigestQueueDrain>>()));
        services.TryAddSingleton(sp => new ReminderTick(sp.GetRequiredService<ReminderRunner>(), sp.GetRequiredService<DigestQueueDrain>()));
        services.TryAddSingleton(sp => new OperatorStatusQuery(
            sp.GetRequiredService<IReminderRunStore>(),
            sp.GetRequiredService<ISendLedger>(),
            sp.GetRequiredService<IDigestQueueClient>(),
            sp.GetRequiredService<IThrottleMarker>(),
            sp.GetRequiredService<IConversationReferenceStore>(),
            Options(sp),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// The bot process's own scheduler for local development: when <c>Reminders:RunInProcess</c> is true it starts
    /// the run on <c>Reminders:Schedule</c> and sends from the queue, as the Functions app does in Azure. Off by
    /// default, so tests and deployed bots never run it unless asked.
    /// </summary>
    public static IServiceCollection AddInProcessReminderScheduler(this IServiceCollection services)
    {
        services.AddQaBotReminders();
        services.AddHostedService<InProcessReminderScheduler>();
        return services;
    }

    private static RemindersOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<RemindersOptions>>().Value;
}
