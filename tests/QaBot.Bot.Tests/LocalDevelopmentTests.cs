using System.Net;
using QaBot.Application.Conversations;
using QaBot.Testing.BotFramework;

namespace QaBot.Bot.Tests;

/// <summary>With no Bot:AppId (the Agents Playground on this machine) requests need no token, but only from loopback.</summary>
[Trait("Category", "Storage")]
public sealed class LocalDevelopmentTests
{
    private const string PlaygroundServiceUrl = "http://localhost:56150/_connector";

    [Fact]
    public async Task Post_NoAppIdFromLoopbackWithoutToken_HandledAndRepliedWithoutToken()
    {
        using var host = new BotHost(authenticated: false);

        using var response = await host.PostAsync(TeamsActivityJson.Message(serviceUrl: PlaygroundServiceUrl), token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Handler.Turns);
        var reply = Assert.Single(host.Connector.Requests);
        Assert.Null(reply.Headers.Authorization);
        Assert.Equal($"{PlaygroundServiceUrl}/v3/conversations/{Uri.EscapeDataString(TeamsActivityJson.ConversationId)}/activities/{TeamsActivityJson.ActivityId}", reply.Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("10.0.0.8")]
    [InlineData("192.168.1.20")]
    [InlineData("2001:db8::1")]
    public async Task Post_NoAppIdFromAnotherMachine_UnauthorizedAndNothingWritten(string remoteAddress)
    {
        using var host = new BotHost(authenticated: false);

        using var response = await host.PostAsync(TeamsActivityJson.Message(serviceUrl: PlaygroundServiceUrl), token: null, remoteAddress: remoteAddress);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Handler.Turns);
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task Post_NoAppIdButTenantConfigured_OtherTenantRefused()
    {
        using var host = new BotHost(authenticated: false, settings: new() { ["Bot:TenantId"] = TestChannelAuthority.TenantId });

        using var response = await host.PostAsync(TeamsActivityJson.Message(serviceUrl: PlaygroundServiceUrl, tenantId: "11111111-2222-3333-4444-555555555555"), token: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.Handler.Turns);
    }

    [Fact]
    public void Startup_NoAppId_WarnsLoudlyThatAuthenticationIsOff()
    {
        using var host = new BotHost(authenticated: false);
        using var client = host.CreateClient();

        var warning = Assert.Single(host.Logs.Entries, e => e.EventId.Id == 5001);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("INBOUND AUTHENTICATION IS OFF", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_WithAppId_SaysAuthenticationIsOn()
    {
        using var host = new BotHost();
        using var client = host.CreateClient();

        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId.Id == 5001);
        Assert.Single(host.Logs.Entries, e => e.EventId.Id == 5002);
    }

    [Fact]
    public async Task Post_ConversationLogicInstalled_SomeoneNotInTheDirectoryIsToldWhoToContact()
    {
        using var host = new BotHost(authenticated: false, replaceHandler: false, settings: EmptyStorage());

        using var response = await host.PostAsync(TeamsActivityJson.Message("hello?", serviceUrl: PlaygroundServiceUrl), token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = System.Text.Json.JsonDocument.Parse(Assert.Single(host.Connector.Requests).Body).RootElement;
        Assert.Contains("can't find you in QaBot's staff list", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("the QA team", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ConversationLogicInstalled_CardActionFromSomeoneUnknownRefused()
    {
        using var host = new BotHost(authenticated: false, replaceHandler: false, settings: EmptyStorage());

        using var invoke = await host.PostAsync(TeamsActivityJson.CardAction("item.done", serviceUrl: PlaygroundServiceUrl), token: null);

        var body = await invoke.Content.ReadAsStringAsync();
        Assert.Contains("application/vnd.microsoft.error", body, StringComparison.Ordinal);
        Assert.Contains("UnknownPerson", body, StringComparison.Ordinal);
        Assert.Empty(host.Connector.Requests);
        Assert.IsType<QaBot.Conversations.Turns.QaBotTurnHandler>(host.Services.GetService(typeof(ITurnHandler)));
    }

    private static Dictionary<string, string?> EmptyStorage() => new()
    {
        ["Storage:ConnectionString"] = QaBot.Testing.Azurite.Instance.ConnectionString,
        ["Storage:TablePrefix"] = QaBot.Testing.Azurite.UniqueName("local"),
    };
}
