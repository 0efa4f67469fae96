using System.Net;
using QaBot.Testing.BotFramework;

namespace QaBot.Bot.Tests;

/// <summary>The bot while the channel's metadata endpoint is down: it starts, refuses with 503, and does not hammer the endpoint.</summary>
[Trait("Category", "Fast")]
public sealed class SigningKeyOutageTests
{
    [Fact]
    public async Task Startup_MetadataEndpointDown_StartsAndAnswersHealthChecks()
    {
        using var host = new BotHost();
        host.Authority.Failing = true;
        using var client = host.CreateClient();

        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(0, host.Authority.MetadataFetches);
    }

    [Fact]
    public async Task Post_ManyRequestsWhileMetadataEndpointDown_ServiceUnavailableAndOneFetch()
    {
        using var host = new BotHost();
        host.Authority.Failing = true;

        for (var i = 0; i < 20; i++)
        {
            using var response = await host.PostAsync(TeamsActivityJson.Message(), host.Authority.CreateToken(new() { KeyId = $"made-up-{i}", UseUnpublishedKey = true }));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            host.Time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(1, host.Authority.MetadataFetches);
        Assert.Empty(host.Handler.Turns);
    }
}
