using System.Net;
using QaBot.Testing.BotFramework;

namespace QaBot.Bot.Tests;

/// <summary>
/// Local-development mode (no Bot:AppId, no token checks) runs only on a developer's machine: in the Development
/// environment, off App Service, and for callers that reached the bot directly rather than through a proxy.
/// </summary>
[Trait("Category", "Fast")]
public sealed class LocalDevelopmentModeTests
{
    private const string PlaygroundServiceUrl = "http://localhost:56150/_connector";

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Startup_NoAppIdOutsideDevelopment_StopsWithAClearMessage(string environment)
    {
        using var host = new BotHost(authenticated: false, environment: environment);

        var failure = host.StartupFailure();

        Assert.Contains("Bot:AppId is empty", failure.Message, StringComparison.Ordinal);
        Assert.Contains("only in the Development environment", failure.Message, StringComparison.Ordinal);
        Assert.Contains(environment, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WEBSITE_SITE_NAME", "app-qabot-bot")]
    [InlineData("WEBSITE_INSTANCE_ID", "0f1e2d3c4b5a")]
    public void Startup_NoAppIdOnAppService_StopsEvenInDevelopment(string variable, string value)
    {
        using var host = new BotHost(authenticated: false, settings: new() { [variable] = value });

        var failure = host.StartupFailure();

        Assert.Contains("App Service", failure.Message, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Entries, entry => entry.Exception is not null && entry.Exception.Message.Contains("App Service", StringComparison.Ordinal));
    }

    [Fact]
    public void Startup_AppIdOutsideDevelopment_Starts()
    {
        using var host = new BotHost(environment: "Production", settings: new() { ["WEBSITE_SITE_NAME"] = "app-qabot-bot" });

        using var client = host.CreateClient();

        Assert.Single(host.Logs.Entries, e => e.EventId.Id == 5002);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "127.0.0.1")]
    [InlineData("X-Forwarded-Host", "localhost")]
    [InlineData("X-Forwarded-Proto", "http")]
    [InlineData("Forwarded", "for=127.0.0.1")]
    [InlineData("X-Original-For", "203.0.113.9:4431")]
    public async Task Post_NoAppIdWithForwardedHeader_UnauthorizedAndNothingHandled(string header, string value)
    {
        using var host = new BotHost(authenticated: false);

        using var response = await host.PostAsync(TeamsActivityJson.Message(serviceUrl: PlaygroundServiceUrl), token: null, headers: new Dictionary<string, string> { [header] = value });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Handler.Turns);
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task Post_RealSocketFromLoopback_Handled()
    {
        using var host = new BotHost(authenticated: false, realSocket: true);

        using var response = await host.PostAsync(TeamsActivityJson.Message(serviceUrl: PlaygroundServiceUrl), token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Handler.Turns);
    }

    /// <summary>A proxy on this machine (a dev tunnel, a sidecar) connects from loopback on behalf of a caller elsewhere.</summary>
    [Fact]
    public async Task Post_RealSocketThroughAProxyOnThisMachine_Unauthorized()
    {
        using var host = new BotHost(authenticated: false, realSocket: true);

        using var response = await host.PostAsync(
            TeamsActivityJson.Message(serviceUrl: PlaygroundServiceUrl),
            token: null,
            headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.9", ["X-Forwarded-Proto"] = "https" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Handler.Turns);
    }

    /// <summary>
    /// With ASPNETCORE_FORWARDEDHEADERS_ENABLED the framework rewrites the caller's address from X-Forwarded-For before
    /// the bot sees it: a caller claiming 127.0.0.1 must not become loopback.
    /// </summary>
    [Fact]
    public async Task Post_RealSocketForwardedHeadersEnabledAndCallerClaimsLoopback_Unauthorized()
    {
        using var host = new BotHost(authenticated: false, realSocket: true, settings: new() { ["FORWARDEDHEADERS_ENABLED"] = "true" });

        using var response = await host.PostAsync(
            TeamsActivityJson.Message(serviceUrl: PlaygroundServiceUrl),
            token: null,
            headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "127.0.0.1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Handler.Turns);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 5040 && e.Message.Contains("proxy", StringComparison.Ordinal));
    }
}
