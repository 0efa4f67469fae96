using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QaBot.BotFramework.Hosting;
using QaBot.Core.Configuration;

namespace QaBot.Infrastructure.Configuration;

/// <summary>The one registration call shared by the bot, the Functions app and the CLI.</summary>
public static class QaBotServiceCollectionExtensions
{
    public static IServiceCollection AddQaBot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<FrameworkOptions>()
            .BindConfiguration(FrameworkOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddBotFrameworkConnector();

        return services;
    }
}
