using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QaBot.Conversations.Digests;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;

namespace QaBot.Infrastructure.Configuration;

public static class ConversationsServiceCollectionExtensions
{
    /// <summary>
    /// Digests and the conversation logic: <see cref="DigestComposer"/>, <see cref="DigestLoader"/> and the digest
    /// card (<see cref="IDigestRenderer"/>), for the scheduler and chat alike.
    /// </summary>
    public static IServiceCollection AddQaBotConversations(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new DigestComposer(sp.GetRequiredService<ScheduleRules>()));
        services.TryAddSingleton<DigestLoader>();
        services.TryAddSingleton<ItemPresenter>();
        services.TryAddSingleton<DigestCardBuilder>();
        services.TryAddSingleton<IDigestRenderer, DigestCardRenderer>();
        return services;
    }
}
