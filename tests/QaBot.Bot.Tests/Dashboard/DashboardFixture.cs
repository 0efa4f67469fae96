using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Bot.Dashboard;
using QaBot.Bot.Tests.Conversations;
using QaBot.Testing.Identity;

namespace QaBot.Bot.Tests.Dashboard;

/// <summary>The demo council seeded as for the conversation tests, with the dashboard's sign-in pointed at a test Entra tenant.</summary>
public sealed class DashboardFixture : DemoCouncilFixture
{
    public TestEntraAuthority Entra { get; private set; } = null!;

    protected override BotHost CreateHost()
    {
        var settings = Settings;
        foreach (var (key, value) in TestEntraAuthority.Settings)
        {
            settings[key] = value;
        }

        settings["Dashboard:WarmUpAtStartup"] = "true";

        var host = new BotHost(replaceHandler: false, settings: settings, now: Now, configureServices: services =>
            services.Configure<JwtBearerOptions>(DashboardServices.Scheme, o => o.BackchannelHttpHandler = Entra.Handler));
        Entra = new TestEntraAuthority(host.Time);
        return host;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Entra.Dispose();
    }
}
