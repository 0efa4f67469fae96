using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QaBot.Core.Reminders;
using QaBot.Core.Scheduling;

namespace QaBot.Infrastructure.Configuration;

public static class ConversationsServiceCollectionExtensions
{
    /// <summary>
    /// Digests and the conversation logic: <see cref="DigestComposer"/> and <see cref="DigestLoader"/> (for the
    /// scheduler and chat alike).
    /// </summary>
    public static IServiceCollection AddQaBotConversations(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new DigestComposer(sp.GetRequiredService<ScheduleRules>()));
        services.TryAddSingleton<DigestLoader>();
        return services;
    }
}
