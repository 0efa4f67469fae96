namespace QaBot.BotFramework.Hosting;

/// <summary>The names of the <see cref="HttpClient"/>s the protocol layer takes from <see cref="IHttpClientFactory"/>.</summary>
public static class BotFrameworkHttpClients
{
    /// <summary>Calls to the Bot Connector (<c>{serviceUrl}/v3/conversations...</c>).</summary>
    public const string Connector = "QaBot.BotFramework.Connector";

    /// <summary>The OpenID metadata document and signing key set of inbound tokens.</summary>
    public const string OpenIdMetadata = "QaBot.BotFramework.OpenIdMetadata";
}
