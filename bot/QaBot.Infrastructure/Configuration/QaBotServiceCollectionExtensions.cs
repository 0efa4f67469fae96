using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using QaBot.BotFramework.Hosting;
using QaBot.Core.Configuration;
using QaBot.Core.Framework;
using QaBot.Infrastructure.Storage;

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

        // The framework catalogue: loaded and checked once; an invalid file stops start-up with every problem listed.
        services.TryAddSingleton<FrameworkCatalogueFile>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FrameworkOptions>, FrameworkCatalogueValidation>());
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<FrameworkOptions>>().Value;
            var result = provider.GetRequiredService<FrameworkCatalogueFile>().Load(options);
            return result.IsValid
                ? result.Catalogue
                : throw new FrameworkCatalogueException(FrameworkOptions.Resolve(options.CatalogueFile), result.Errors);
        });
        services.AddBotFrameworkConnector();

        services.AddQaBotStorage();
        services.AddQaBotOrganisation();

        return services;
    }
}
