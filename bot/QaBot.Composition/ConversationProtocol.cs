using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.BotFramework;
using QaBot.BotFramework.Hosting;

namespace QaBot.Composition;

/// <summary>
/// The one place that chooses the protocol QaBot speaks to Teams. Replacing our own Bot Framework layer with an
/// official SDK changes this file, an inbound adapter and an <c>IConversationSender</c>, and nothing else
/// (docs/decisions/own-bot-protocol-layer.md).
/// </summary>
public static class ConversationProtocol
{
    /// <summary>Sending into conversations (reminders, nudges, replies): every process that messages people.</summary>
    public static IServiceCollection AddConversationSender(this IServiceCollection services) =>
        services.AddBotFrameworkConnector();

    /// <summary>Receiving activities: the bot host only.</summary>
    public static IServiceCollection AddConversationEndpoint(this IServiceCollection services) =>
        services.AddBotFrameworkEndpoint();

    /// <summary>
    /// The messaging endpoint the channel posts every activity to. The Agents Playground also sends HEAD when its
    /// page loads.
    /// </summary>
    public static IEndpointRouteBuilder MapConversationEndpoint(this IEndpointRouteBuilder endpoints, string pattern)
    {
        endpoints.MapPost(pattern, (HttpContext context, BotFrameworkAdapter adapter) => adapter.ProcessAsync(context));
        endpoints.MapMethods(pattern, [HttpMethods.Head], () => Results.Ok());
        return endpoints;
    }

    /// <summary>
    /// The bot's local-development mode (no app id: only in Development, never on App Service) and its tenant, so the
    /// host's other endpoints (the dashboard) follow the same rules as the messaging endpoint.
    /// </summary>
    public static (bool IsLocalDevelopment, string TenantId) HostIdentity(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<BotOptions>>().Value;
        return (options.IsLocalDevelopment, options.TenantId);
    }

    /// <summary>The messaging endpoint's local-development rule for a caller: on this machine, reached directly, no proxy headers.</summary>
    public static bool IsDirectlyOnThisMachine(HttpContext context) => LocalCaller.IsDirectlyOnThisMachine(context);
}
