using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using QaBot.Application.Configuration;
using QaBot.Application.Conversations;
using QaBot.Application.Reminders;
using QaBot.BotFramework.Authentication;
using QaBot.BotFramework.Connector;

namespace QaBot.BotFramework.Hosting;

/// <summary>Registers the Bot Framework protocol layer.</summary>
public static class BotFrameworkServiceCollectionExtensions
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The outbound side, for every process that messages people (bot, Functions, CLI): the <c>Bot</c> options,
    /// the token and <see cref="IConversationSender"/> (the <see cref="BotConnectorClient"/>, retrying by
    /// <c>Bot:Retry</c>), with the reminder sender's client, which never retries, and what it needs to open 1:1 chats.
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
        services.TryAddSingleton(ServiceUrlPolicy.Create);
        services.TryAddSingleton(provider =>
        {
            var time = provider.GetRequiredService<TimeProvider>();
            var logger = provider.GetRequiredService<ILogger<BotConnectorClient>>();
            var retries = ConnectorResilience.CreatePipeline(provider.GetRequiredService<IOptions<BotOptions>>().Value.Retry, time, logger);
            return new BotConnectorClient(provider.GetRequiredService<IHttpClientFactory>(), provider.GetRequiredService<IBotTokenProvider>(), provider.GetRequiredService<ServiceUrlPolicy>(), retries, time, logger);
        });
        services.TryAddSingleton<IConversationSender>(provider => provider.GetRequiredService<BotConnectorClient>());

        // No retries here: the send ledger and the shared rate budget decide what is sent again.
        services.TryAddKeyedSingleton<IConversationSender>(ConversationSenders.Reminders, (provider, _) => new BotConnectorClient(
            provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<IBotTokenProvider>(),
            provider.GetRequiredService<ServiceUrlPolicy>(),
            ResiliencePipeline<HttpResponseMessage>.Empty,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<BotConnectorClient>>()));

        // Opening a 1:1 chat needs the bot's channel account and tenant; without them (local development) it cannot.
        services.TryAddSingleton(provider =>
        {
            var bot = provider.GetRequiredService<IOptions<BotOptions>>().Value;
            return new PersonalChatSettings(
                string.IsNullOrWhiteSpace(bot.AppId) ? null : "28:" + bot.AppId,
                string.IsNullOrWhiteSpace(bot.TenantId) ? null : bot.TenantId,
                provider.GetRequiredService<IOptions<RemindersOptions>>().Value.DefaultServiceUrl);
        });
        return services;
    }

    /// <summary>
    /// The inbound side, for the bot host: request authentication and the <see cref="BotFrameworkAdapter"/> that
    /// <c>POST /api/messages</c> calls. The host registers its own <see cref="ITurnHandler"/>.
    /// </summary>
    public static IServiceCollection AddBotFrameworkEndpoint(this IServiceCollection services)
    {
        services.AddBotFrameworkConnector();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotOptions>, LocalDevelopmentGuard>());
        services.AddHttpClient(BotFrameworkHttpClients.OpenIdMetadata)
            .ConfigureHttpClient(client => client.Timeout = MetadataTimeout);
        services.TryAddSingleton<SigningKeyCache>();
        services.TryAddSingleton<BotRequestAuthenticator>();
        services.TryAddSingleton(provider => new BotFrameworkAdapter(
            provider.GetRequiredService<BotRequestAuthenticator>(),
            provider.GetRequiredService<BotConnectorClient>(),
            provider.GetRequiredService<ServiceUrlPolicy>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<BotFrameworkAdapter>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BotAuthenticationStartupLog>());
        return services;
    }
}
