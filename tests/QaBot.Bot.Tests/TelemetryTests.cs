using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using QaBot.Testing.BotFramework;
using QaBot.Testing.Telemetry;

namespace QaBot.Bot.Tests;

/// <summary>What the bot host measures, and that it exports nothing unless App Insights is configured.</summary>
[Trait("Category", "Fast")]
public sealed class TelemetryTests
{
    [Fact]
    public async Task Post_WithoutAToken_CountsARefusalWithItsReason()
    {
        using var recorder = new TelemetryRecorder();
        using var host = new BotHost();

        using var response = await host.PostAsync(TeamsActivityJson.Message(), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(
            recorder.Measurements("qabot.auth.refusals"),
            m => (string?)m.Tags["status"] == "Unauthorized" && ((string?)m.Tags["reason"])!.Contains("no bearer token", StringComparison.Ordinal));
    }

    [Fact]
    public void AddBotTelemetry_NoConnectionString_RegistersNoExporter()
    {
        var services = new ServiceCollection().AddBotTelemetry(new ConfigurationBuilder().Build());

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(TracerProvider));
        Assert.Empty(services);
    }

    [Fact]
    public void AddBotTelemetry_ConnectionString_RegistersTracing()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://localhost/",
        }).Build();

        var services = new ServiceCollection().AddLogging().AddBotTelemetry(configuration);

        Assert.Contains(services, d => d.ServiceType == typeof(TracerProvider));
    }
}
