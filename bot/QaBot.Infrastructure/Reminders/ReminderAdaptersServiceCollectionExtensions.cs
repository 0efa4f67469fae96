using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Reminders;
using QaBot.Infrastructure.Storage;

namespace QaBot.Infrastructure.Reminders;

public static class ReminderAdaptersServiceCollectionExtensions
{
    /// <summary>
    /// The reminder run's storage and delivery mechanics (section <c>Reminders</c>): the run store, the digest queue,
    /// the send budget (limiter and shared throttle marker) and the local sender that drains the queue where no
    /// Functions host does. Nothing connects until first use.
    /// </summary>
    public static IServiceCollection AddQaBotReminderAdapters(this IServiceCollection services)
    {
        services.AddOptions<RemindersOptions>()
            .BindConfiguration(RemindersOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RemindersOptions>, RemindersOptionsValidator>());

        services.TryAddSingleton<IReminderRunStore, TableReminderRunStore>();
        services.TryAddSingleton<IThrottleMarker, TableThrottleMarker>();
        services.TryAddSingleton(sp =>
        {
            var options = Options(sp);
            var queues = StorageServiceCollectionExtensions.CreateQueueServiceClient(
                sp.GetRequiredService<IOptions<StorageOptions>>().Value,
                new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
            return new AzureDigestOutbox(queues, options.QueueName, options.PoisonQueueName);
        });
        services.TryAddSingleton<IDigestOutbox>(sp => sp.GetRequiredService<AzureDigestOutbox>());

        // One limiter per process; the sender runs on one instance (docs/operations.md). It starts quiet for one
        // window so that a sender replacing one that stopped cannot add to the stopped one's last second.
        services.TryAddSingleton(sp =>
        {
            var options = Options(sp);
            return new RequestRateLimiter(options.GlobalRequestsPerSecond, options.PerConversationRequestsPerSecond, options.LimiterMargin, sp.GetRequiredService<TimeProvider>(), startQuiet: true);
        });
        services.TryAddSingleton(sp => new ThrottleGate(sp.GetRequiredService<IThrottleMarker>(), sp.GetRequiredService<TimeProvider>(), Options(sp).ThrottleMarkerRefresh));
        services.TryAddSingleton<IRateWindowStore, TableRateWindowStore>();
        services.TryAddSingleton<ISendBudget>(sp =>
        {
            var options = Options(sp);
            if (!options.SharedRateBudget)
            {
                return new InProcessSendBudget(sp.GetRequiredService<RequestRateLimiter>(), sp.GetRequiredService<ThrottleGate>());
            }

            // A fifth of the second's budget at a time: five claims a second for one sender, and room for several.
            var limiter = new SharedRateLimiter(sp.GetRequiredService<IRateWindowStore>(), sp.GetRequiredService<RequestRateLimiter>(), Math.Max(1, options.GlobalRequestsPerSecond / 5), options.SharedRateHeadroom, sp.GetRequiredService<TimeProvider>());
            return new SharedSendBudget(limiter, sp.GetRequiredService<ThrottleGate>());
        });

        services.TryAddSingleton(sp => new DigestQueueDrain(
            sp.GetRequiredService<AzureDigestOutbox>(),
            sp.GetRequiredService<DigestDelivery>(),
            Options(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DigestQueueDrain>>()));
        services.TryAddSingleton(sp => new ReminderTick(sp.GetRequiredService<ReminderRunner>(), sp.GetRequiredService<DigestQueueDrain>()));
        return services;
    }

    /// <summary>
    /// The bot process's own scheduler for local development: when <c>Reminders:RunInProcess</c> is true it starts
    /// the run on <c>Reminders:Schedule</c> and sends from the queue, as the Functions app does in Azure. Off by
    /// default, so tests and deployed bots never run it unless asked.
    /// </summary>
    public static IServiceCollection AddInProcessReminderScheduler(this IServiceCollection services)
    {
        services.AddHostedService<InProcessReminderScheduler>();
        return services;
    }

    private static RemindersOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<RemindersOptions>>().Value;
}
