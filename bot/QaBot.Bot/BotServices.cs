using QaBot.Composition;
using QaBot.Infrastructure.Reminders;

namespace QaBot.Bot;

/// <summary>Everything the bot host registers, so that a test can check a deployment's settings against exactly this.</summary>
public static class BotServices
{
    public static IServiceCollection AddQaBotBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddQaBot(configuration);
        services.AddConversationEndpoint();
        services.AddHostedService<CalendarStartupLog>();

        // Local development only (Reminders:RunInProcess, off by default): the bot runs the reminder schedule itself.
        services.AddInProcessReminderScheduler();
        return services;
    }
}
