using Azure.Monitor.OpenTelemetry.AspNetCore;
using QaBot.Bot.Dashboard;
using QaBot.Composition;
using QaBot.Composition.Telemetry;
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
        services.AddDashboard();
        services.AddHostedService<DashboardWarmUp>();

        // Local development only (Reminders:RunInProcess, off by default): the bot runs the reminder schedule itself.
        services.AddInProcessReminderScheduler();
        services.AddBotTelemetry(configuration);
        return services;
    }

    /// <summary>
    /// Traces, metrics and logs to Azure Monitor, only when App Insights is configured: without a connection string
    /// nothing is registered and nothing leaves the machine.
    /// </summary>
    public static IServiceCollection AddBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (QaBotOpenTelemetry.Resolve(configuration) is not { } export)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .UseAzureMonitor(o =>
            {
                o.ConnectionString = export.ConnectionString;
                if (export.Credential is not null)
                {
                    o.Credential = export.Credential;
                }
            })
            .AddQaBotInstrumentation();
        return services;
    }
}
