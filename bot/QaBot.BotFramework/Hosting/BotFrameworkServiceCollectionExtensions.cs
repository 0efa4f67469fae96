using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.BotFramework.Authentication;
using QaBot.BotFramework.Connector;
using QaBot.Core.Conversations;

namespace QaBot.BotFramework.Hosting;

/// <summary>Registers the Bot Framework protocol layer.</summary>
public static class BotFrameworkServiceCollectionExtensions
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The outbound side, for every process that messages people (bot, Functions, CLI): the <c>Bot</c> options,
    /// the token, the retry policy and <see cref="IConversationSender"/> (the <see cref="BotConnectorClient"/>).
    /// Register another <see cref="ConnectorRetryPolicy"/> before or after this call to change the retries.
    /// </summary>
    public static IServiceCollection AddBotFrameworkConnector(this IServiceCollection services)
    {
        services.AddOptions<BotOptions>()
            .BindConfiguration(BotOptions.Section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotOptions>, BotOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(BotFrameworkHttpClients.Connector)
            .ConfigureHttpClient((provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<BotOptions>>().Value.ConnectorTimeout);

        services.TryAddSingleton(provider => new ConnectorRetryPolicy(provider.GetRequiredService<IOptions<BotOptions>>().Value.Retry));
        services.TryAddSingleton<IBotTokenProvider>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<BotOptions>>().Value;
            var credential = BotCredentialFactory.Create(options);
            return credential is null
                ? new NoBotTokenProvider()
                : new CredentialBotTokenProvider(
                    credential,
                    options.OAuthScope,
                    provider.GetRequiredService<TimeProvider>(),
                    provider.GetRequiredService<ILogger<CredentialBotTokenProvider>>());
        });
        services.TryAddSingleton<BotConnectorClient>();
        services.TryAddSingleton<IConversationSender>(provider => provider.GetRequiredService<BotConnectorClient>());
        return services;
    }

    /// <summary>
    /// The inbound side, for the bot host: request authentication and the <see cref="BotFrameworkAdapter"/> that
    /// <c>POST /api/messages</c> calls. The host registers its own <see cref="ITurnHandler"/>.
    /// </summary>
    public static IServiceCollection AddBotFrameworkEndpoint(this IServiceCollection services)
    {
        services.AddBotFrameworkConnector();
        services.AddHttpClient(BotFrameworkHttpClients.OpenIdMetadata)
            .ConfigureHttpClient(client => client.Timeout = MetadataTimeout);
        services.TryAddSingleton<SigningKeyCache>();
        services.TryAddSingleton<BotRequestAuthenticator>();
        services.TryAddSingleton(provider => new BotFrameworkAdapter(
            provider.GetRequiredService<BotRequestAuthenticator>(),
            provider.GetRequiredService<BotConnectorClient>(),
            provider.GetRequiredService<ILogger<BotFrameworkAdapter>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BotAuthenticationStartupLog>());
        return services;
    }
}
