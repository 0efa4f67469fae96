using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Application.Compliance;
using QaBot.Application.Reports;

namespace QaBot.Composition.Tests;

[Trait("Category", "Fast")]
public sealed class ReportChannelsRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddQaBot(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddQaBot_TheDemoCouncilsChannel_BoundWithItsAreaAndAudience()
    {
        // As ./run configures the demo council: the Agents Playground's team channel.
        using var services = Build(new()
        {
            ["Reports:Channels:0:Name"] = "demo-leadership",
            ["Reports:Channels:0:Channel"] = "19:qabot-local-channel@thread.tacv2",
            ["Reports:Channels:0:Team"] = "19:qabot-local-team@thread.tacv2",
            ["Reports:Channels:0:Area"] = "childrens-services",
            ["Reports:Channels:1:Name"] = "members",
            ["Reports:Channels:1:Channel"] = "19:members@thread.skype",
            ["Reports:Channels:1:Area"] = "childrens-services",
            ["Reports:Channels:1:Audience"] = "Members",
        });

        var channels = services.GetRequiredService<IOptions<ReportOptions>>().Value.Channels;

        Assert.Equal(["demo-leadership", "members"], channels.Select(c => c.Name));
        Assert.Equal(("19:qabot-local-team@thread.tacv2", ReportAudience.Officers), (channels[0].Team, channels[0].Audience));
        Assert.Equal(ReportAudience.Members, channels[1].Audience);
        Assert.NotNull(services.GetRequiredService<MonthlyReportRun>());
    }

    [Fact]
    public void AddQaBot_MalformedChannels_EveryProblemNamedAtStartUp()
    {
        using var services = Build(new()
        {
            ["Reports:Channels:0:Name"] = "SMT team",
            ["Reports:Channels:0:Channel"] = "https://teams.microsoft.com/l/channel/19%3Aabc",
            ["Reports:Channels:0:Area"] = "Children's Services",
            ["Reports:Channels:1:Name"] = "qa",
            ["Reports:Channels:1:Channel"] = "19:qa@thread.tacv2",
            ["Reports:Channels:1:Area"] = "childrens-services",
            ["Reports:Channels:2:Name"] = "qa",
            ["Reports:Channels:2:Channel"] = "19:qa@thread.tacv2",
            ["Reports:Channels:2:Area"] = "childrens-services",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ReportOptions>>().Value);

        Assert.Contains("Reports:Channels:0:Name", error.Message, StringComparison.Ordinal);
        Assert.Contains("Reports:Channels:0:Channel", error.Message, StringComparison.Ordinal);
        Assert.Contains("Reports:Channels:0:Area", error.Message, StringComparison.Ordinal);
        Assert.Contains("the name 'qa' is used more than once", error.Message, StringComparison.Ordinal);
        Assert.Contains("the channel '19:qa@thread.tacv2' is configured more than once", error.Message, StringComparison.Ordinal);
    }
}
