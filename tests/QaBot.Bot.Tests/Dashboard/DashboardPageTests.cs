using System.Net;
using QaBot.Bot.Dashboard;
using QaBot.Testing.Identity;

namespace QaBot.Bot.Tests.Dashboard;

/// <summary>The dashboard page as the bot serves it: its files, from this origin only, under the headers Teams needs.</summary>
[Trait("Category", "Fast")]
public sealed class DashboardPageTests
{
    [Fact]
    public async Task Get_Page_TheHtmlWithASelfOnlyPolicyThatTeamsMayFrame()
    {
        using var host = new BotHost(settings: TestEntraAuthority.Settings);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = Directives(response);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self'", policy["style-src"]);
        Assert.Equal("'self'", policy["connect-src"]);
        Assert.Equal("'none'", policy["default-src"]);
        Assert.Equal(
            ["teams.microsoft.com", "*.teams.microsoft.com", "*.cloud.microsoft", "*.microsoft365.com", "*.office.com", "outlook.office.com", "outlook.office365.com"],
            policy["frame-ancestors"].Split(' '));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/config.html")]
    public async Task Get_Page_NoInlineScriptOrStyleAndNothingFromAnotherOrigin(string path)
    {
        using var host = new BotHost(settings: TestEntraAuthority.Settings);
        using var client = host.CreateClient();

        var html = await client.GetStringAsync(path);

        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", html);
        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html);
    }

    [Theory]
    [InlineData("/dashboard/dashboard.js", "text/javascript")]
    [InlineData("/dashboard/teams.js", "text/javascript")]
    [InlineData("/dashboard/config.js", "text/javascript")]
    [InlineData("/dashboard/config.html", "text/html")]
    [InlineData("/dashboard/dashboard.css", "text/css")]
    [InlineData("/dashboard/icon.png", "image/png")]
    public async Task Get_PageFile_ServedFromThisHostWithThePolicy(string path, string type)
    {
        using var host = new BotHost(settings: TestEntraAuthority.Settings);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Get_WithoutTrailingSlash_RedirectsKeepingTheQuery()
    {
        using var host = new BotHost(settings: TestEntraAuthority.Settings);
        using var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/dashboard?theme=dark");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/?theme=dark", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_ApiRefusal_CarriesThePolicyToo()
    {
        using var host = new BotHost(settings: TestEntraAuthority.Settings);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/api/dashboard");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(DashboardPage.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Get_OtherRoutes_NoDashboardPolicy()
    {
        using var host = new BotHost(settings: TestEntraAuthority.Settings);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Get_NoSuchFile_404()
    {
        using var host = new BotHost(settings: TestEntraAuthority.Settings);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/dashboard/../appsettings.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single()
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d[1], StringComparer.Ordinal);
}
