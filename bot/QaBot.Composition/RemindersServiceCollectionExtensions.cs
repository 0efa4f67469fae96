using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Application.Configuration;
using QaBot.Application.Conversations;
using QaBot.Application.Installation;
using QaBot.Application.Delivery;
using QaBot.Application.Organisation;
using QaBot.Application.Reminders;
using QaBot.Application.Tracking;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;
using QaBot.Infrastructure.Reminders;

namespace QaBot.Composition;

public static class RemindersServiceCollectionExtensions
{
    /// <summary>
    /// The reminder run and its delivery: the run, the digest delivery with its ledger and send budget, and the
    /// operators' status, over the adapters <see cref="Infrastructure.Reminders.ReminderAdaptersServiceCollectionExtensions.AddQaBotReminderAdapters"/> registers.
    /// </summary>
    public static IServiceCollection AddQaBotReminders(this IServiceCollection services)
    {
        services.AddQaBotReminderAdapters();
        services.TryAddSingleton(sp => new DirectoryCache(sp.GetRequiredService<IDirectoryStore>(), sp.GetRequiredService<OrganisationPolicy>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IDigestSource>(sp => new StoredDigestSource(sp.GetRequiredService<DirectoryCache>(), sp.GetRequiredService<ITrackingStore>(), sp.GetRequiredService<ScheduleRules>(), sp.GetRequiredService<SetAsideReview>(), sp.GetService<QaBot.Application.Assurance.AnnualProgrammes>()));
        services.TryAddSingleton(sp => new DigestDelivery(
            sp.GetRequiredService<ISendLedger>(),
            sp.GetRequiredService<IDigestSource>(),
            sp.GetRequiredService<IDigestRenderer>(),
            sp.GetRequiredService<IConversationReferenceStore>(),
            sp.GetRequiredKeyedService<IConversationSender>(ConversationSenders.Reminders),
            sp.GetRequiredService<ISendBudget>(),
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
            sp.GetRequiredService<IDigestOutbox>(),
            sp.GetRequiredService<IReminderRunStore>(),
            Options(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ReminderRunner>>(),
            sp.GetService<QaBot.Application.Assurance.AnnualProgrammes>(),
            sp.GetService<QaBot.Application.Meetings.ChairedMeetingItems>()));
        services.TryAddSingleton(sp => new OperatorStatusQuery(
            sp.GetRequiredService<IReminderRunStore>(),
            sp.GetRequiredService<ISendLedger>(),
            sp.GetRequiredService<IDigestOutbox>(),
            sp.GetRequiredService<IThrottleMarker>(),
            sp.GetRequiredService<IConversationReferenceStore>(),
            Options(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ITeamChannelStore>(),
            sp.GetService<UnreachedPeopleQuery>()));
        return services;
    }

    private static RemindersOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<RemindersOptions>>().Value;
}
