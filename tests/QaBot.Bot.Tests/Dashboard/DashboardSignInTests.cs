using System.Net;
using QaBot.Demo;
using QaBot.Testing.Identity;

namespace QaBot.Bot.Tests.Dashboard;

/// <summary>The dashboard's sign-in rules that refuse before any data is read.</summary>
[Trait("Category", "Fast")]
public sealed class DashboardSignInTests
{
    [Theory]
    [InlineData("/api/dashboard")]
    [InlineData("/api/dashboard/export?format=csv")]
    public async Task Get_NoToken_401WithBearerChallenge(string path)
    {
        using var host = new BotHost(settings: TestEntraAuthority.Settings);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Get_BotAuthenticatedButNoDashboardClientId_401()
    {
        using var host = new BotHost();
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/api/dashboard");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("10.0.0.8", null)]
    [InlineData(null, "X-Forwarded-For")]
    [InlineData(null, "Forwarded")]
    public async Task Get_LocalModeFromAnotherMachineOrThroughAProxy_401(string? remoteAddress, string? header)
    {
        using var host = new BotHost(authenticated: false, settings: new() { ["Dashboard:LocalPerson"] = DemoCouncil.KeyPeople.DirectorEarlyHelp.Value });
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard");
        if (remoteAddress is not null)
        {
            request.Headers.Add(BotHost.RemoteAddressHeader, remoteAddress);
        }

        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header, "203.0.113.9");
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void Startup_ClientIdNotAGuid_FailsNamingTheSetting()
    {
        using var host = new BotHost(settings: new() { ["Dashboard:ClientId"] = "tab-app" });

        var failure = host.StartupFailure();

        Assert.Contains("Dashboard:ClientId", failure.Message, StringComparison.Ordinal);
    }
}
