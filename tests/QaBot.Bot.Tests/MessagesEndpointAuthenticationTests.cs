using System.Net;
using System.Text.Json.Nodes;
using QaBot.Testing.BotFramework;

namespace QaBot.Bot.Tests;

/// <summary>Every way a request can fail the Bot Connector's authentication rules is refused before any turn runs.</summary>
[Trait("Category", "Fast")]
public sealed class MessagesEndpointAuthenticationTests
{
    [Fact]
    public async Task Post_ValidToken_TurnHandledAndReplyPostedWithBotToken()
    {
        using var host = new BotHost();

        using var response = await host.PostAsync(TeamsActivityJson.Message("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turn = Assert.Single(host.Handler.Turns);
        Assert.Equal("help", turn.Text);
        var reply = Assert.Single(host.Connector.Requests);
        Assert.Equal($"{TestChannelAuthority.ServiceUrl}v3/conversations/{Uri.EscapeDataString(TeamsActivityJson.ConversationId)}/activities/{TeamsActivityJson.ActivityId}", reply.Uri.AbsoluteUri);
        Assert.Equal(BotHost.ConnectorToken, reply.BearerToken);
    }

    [Theory]
    [InlineData("wrong audience", HttpStatusCode.Unauthorized)]
    [InlineData("wrong issuer", HttpStatusCode.Unauthorized)]
    [InlineData("expired", HttpStatusCode.Unauthorized)]
    [InlineData("alg none", HttpStatusCode.Unauthorized)]
    [InlineData("hs256", HttpStatusCode.Unauthorized)]
    [InlineData("unknown key", HttpStatusCode.Unauthorized)]
    [InlineData("no token", HttpStatusCode.Unauthorized)]
    [InlineData("garbage token", HttpStatusCode.Unauthorized)]
    [InlineData("serviceurl mismatch", HttpStatusCode.Unauthorized)]
    [InlineData("no serviceurl claim", HttpStatusCode.Unauthorized)]
    [InlineData("key not endorsed", HttpStatusCode.Forbidden)]
    [InlineData("other channel", HttpStatusCode.Forbidden)]
    [InlineData("other tenant", HttpStatusCode.Forbidden)]
    [InlineData("no tenant", HttpStatusCode.Forbidden)]
    public async Task Post_RequestFailingAuthentication_RefusedAndNothingWritten(string failure, HttpStatusCode expected)
    {
        using var host = new BotHost();
        var authority = host.Authority;
        JsonNode activity = TeamsActivityJson.Message();
        string? token = failure switch
        {
            "wrong audience" => authority.CreateToken(new() { Audience = "4e0a4c1f-0000-0000-0000-000000000000" }),
            "wrong issuer" => authority.CreateToken(new() { Issuer = "https://api.botframework.test.evil" }),
            "expired" => authority.CreateToken(new() { IssuedAt = host.Time.GetUtcNow().AddHours(-2) }),
            "alg none" => authority.CreateToken(new() { AlgNone = true }),
            "hs256" => authority.CreateToken(new() { SymmetricHs256 = true }),
            "unknown key" => authority.CreateToken(new() { UseUnpublishedKey = true }),
            "no token" => null,
            "garbage token" => "eyJhbGciOiJSUzI1NiJ9.not-base64.nope",
            "serviceurl mismatch" => authority.CreateToken(new() { ServiceUrl = "https://smba.trafficmanager.net/amer/" }),
            "no serviceurl claim" => authority.CreateToken(new() { OmitServiceUrl = true }),
            "key not endorsed" => authority.CreateToken(new() { KeyId = "key-not-endorsed" }),
            _ => authority.CreateToken(),
        };
        activity = failure switch
        {
            "other channel" => TeamsActivityJson.Message(channelId: "skype"),
            "other tenant" => TeamsActivityJson.Message(tenantId: "11111111-2222-3333-4444-555555555555"),
            "no tenant" => TeamsActivityJson.Message(tenantId: null),
            _ => activity,
        };

        using var response = await host.PostAsync(activity, token);

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(host.Handler.Turns);
        Assert.Empty(host.Connector.Requests);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_UnauthorizedRequestWithOversizedBody_RefusedWithoutReadingIt()
    {
        using var host = new BotHost();

        using var response = await host.PostRawAsync(new string('x', 300 * 1024), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Post_SigningKeysCannotBeFetched_ServiceUnavailableAndNothingWritten()
    {
        using var host = new BotHost();
        var token = host.Authority.CreateToken();
        host.Authority.Handler.RespondWith(_ => new HttpResponseMessage(HttpStatusCode.BadGateway));

        using var response = await host.PostAsync(TeamsActivityJson.Message(), token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(host.Handler.Turns);
    }

    [Fact]
    public async Task Post_AuthenticationFailure_LoggedWithoutTheToken()
    {
        using var host = new BotHost();
        var token = host.Authority.CreateToken(new() { Audience = "someone-else" });

        using var response = await host.PostAsync(TeamsActivityJson.Message(), token);

        var refusal = Assert.Single(host.Logs.Entries, e => e.EventId.Id == 5040);
        Assert.Contains("wrong audience", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains(token, StringComparison.Ordinal));
    }

    /// <summary>The test authority's key is endorsed for Web Chat too: a genuine token for another channel.</summary>
    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    public async Task Post_GenuineTokenForAnotherChannel_ForbiddenAndNothingWritten(string channel)
    {
        using var host = new BotHost();
        host.Authority.AddKey("key-for-" + channel, channel, "msteams");

        using var response = await host.PostAsync(TeamsActivityJson.Message(channelId: channel), host.Authority.CreateToken(new() { KeyId = "key-for-" + channel }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.Handler.Turns);
        Assert.Empty(host.Connector.Requests);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 5040 && e.Message.Contains("Bot:AllowedChannels", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_ChannelAllowedBySetting_HandledAndTeamsNoLongerIs()
    {
        using var host = new BotHost(settings: new() { ["Bot:AllowedChannels:0"] = "webchat" });

        using var webChat = await host.PostAsync(TeamsActivityJson.Message(channelId: "webchat"));
        using var teams = await host.PostAsync(TeamsActivityJson.Message());

        Assert.Equal(HttpStatusCode.OK, webChat.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, teams.StatusCode);
        Assert.Single(host.Handler.Turns);
    }

    /// <summary>Replies, and the conversation reference a turn stores, would carry the bot's token to the activity's serviceUrl.</summary>
    [Theory]
    [InlineData("https://evil.example/uk/")]
    [InlineData("https://smba.trafficmanager.net.evil.example/uk/")]
    public async Task Post_GenuineTokenForAServiceUrlOffTheAllowedHosts_ForbiddenNothingStoredOrSent(string serviceUrl)
    {
        using var host = new BotHost();

        using var response = await host.PostAsync(TeamsActivityJson.Message(serviceUrl: serviceUrl), host.Authority.CreateToken(new() { ServiceUrl = serviceUrl }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.Handler.Turns);
        Assert.Empty(host.Connector.Requests);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 5040 && e.Message.Contains("Bot:ServiceUrlHosts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_LoopbackServiceUrlOutsideDevelopment_Forbidden()
    {
        const string Loopback = "http://localhost:56150/_connector";
        using var host = new BotHost(environment: "Production");

        using var response = await host.PostAsync(TeamsActivityJson.Message(serviceUrl: Loopback), host.Authority.CreateToken(new() { ServiceUrl = Loopback }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(host.Handler.Turns);
        Assert.Empty(host.Connector.Requests);
    }
}
