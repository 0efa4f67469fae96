using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Moq;
using QaBot.Application.Organisation;

namespace QaBot.Bot.Tests.Dashboard;

/// <summary>The dashboard worked out once at start-up, so the first person to open the tab does not wait for it.</summary>
[Trait("Category", "Storage")]
public sealed class DashboardWarmUpTests(DashboardFixture council) : IClassFixture<DashboardFixture>
{
    [Fact]
    public void Start_DemoCouncil_WorksOutTheDepartmentsDashboardBeforeTakingRequestsAndSaysSo()
    {
        var ready = Assert.Single(council.Host.Logs.Entries, e => e.EventId.Id == 5152);

        Assert.Equal(LogLevel.Information, ready.Level);
        Assert.DoesNotContain(council.Host.Logs.Entries, e => e.EventId.Id == 5153);
        var listening = council.Host.Logs.Entries.ToList().FindIndex(e => e.Message.StartsWith("Now listening", StringComparison.Ordinal));
        Assert.True(listening < 0 || listening > council.Host.Logs.Entries.ToList().IndexOf(ready), "the bot listened before the dashboard was worked out");
    }

    [Fact]
    public void Start_TurnedOff_DoesNothing()
    {
        using var host = new BotHost(replaceHandler: false);

        host.CreateClient().Dispose();

        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId.Id is 5152 or 5153);
    }

    [Fact]
    public async Task Start_DirectoryFailing_StartsAnywayAndWarnsThatTheFirstViewWillBeSlower()
    {
        var failing = new Mock<IDirectoryStore>();
        failing.Setup(d => d.GetAreasAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("the directory is down"));
        await using var host = new BotHost(replaceHandler: false, settings: new Dictionary<string, string?> { ["Dashboard:WarmUpAtStartup"] = "true" }, configureServices: services => services.Replace(ServiceDescriptor.Singleton(failing.Object)));

        using var client = host.CreateClient();
        var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.True(health.IsSuccessStatusCode);
        var warning = Assert.Single(host.Logs.Entries, e => e.EventId.Id == 5153);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("the directory is down", warning.Exception?.Message);
        Assert.DoesNotContain(host.Logs.Entries, e => e.EventId.Id == 5152);
    }
}
