using System.Diagnostics;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using QaBot.Composition.Telemetry;

namespace QaBot.Composition.Tests.Telemetry;

[Trait("Category", "Fast")]
public sealed class QaBotOpenTelemetryTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public void Resolve_NothingConfigured_ExportsNothing() => Assert.Null(QaBotOpenTelemetry.Resolve(Settings()));

    [Fact]
    public void Resolve_ConnectionStringOnly_ExportsWithoutACredential()
    {
        var export = QaBotOpenTelemetry.Resolve(Settings(("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=k")));

        Assert.Equal(("InstrumentationKey=k", null), (export?.ConnectionString, export?.Credential));
    }

    [Fact]
    public void Resolve_ExplicitSetting_WinsOverTheEnvironment()
    {
        var export = QaBotOpenTelemetry.Resolve(Settings(("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=a"), ("Telemetry:ConnectionString", "InstrumentationKey=b")));

        Assert.Equal("InstrumentationKey=b", export?.ConnectionString);
    }

    [Fact]
    public void Resolve_EntraAuthentication_UsesTheManagedIdentity()
    {
        var export = QaBotOpenTelemetry.Resolve(Settings(
            ("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=k"),
            ("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Authorization=AAD;ClientId=11111111-2222-3333-4444-555555555555")));

        Assert.IsType<ManagedIdentityCredential>(export?.Credential);
    }

    [Fact]
    public void Redact_GraphCallSpan_RemovesTheMailboxFromTagsAndName()
    {
        using var activity = new Activity("GET /v1.0/users/jo.bloggs@council.example/calendar/events");
        activity.SetTag("url.full", "https://graph.microsoft.com/v1.0/users/jo.bloggs@council.example/calendar/events?$filter=x");
        activity.SetTag("url.path", "/v1.0/users/jo.bloggs@council.example/calendar/events");
        activity.SetTag("url.query", "$filter=organizer eq 'jo.bloggs@council.example'");
        activity.DisplayName = "GET /v1.0/users/jo.bloggs@council.example/calendar/events";

        RedactingProcessor.Redact(activity);

        Assert.Equal("https://graph.microsoft.com/v1.0/users/{user}/calendar/events", activity.GetTagItem("url.full"));
        Assert.Equal("/v1.0/users/{user}/calendar/events", activity.GetTagItem("url.path"));
        Assert.Null(activity.GetTagItem("url.query"));
        Assert.DoesNotContain("jo.bloggs", activity.DisplayName, StringComparison.Ordinal);
    }
}
