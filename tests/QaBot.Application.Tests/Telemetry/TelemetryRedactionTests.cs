using QaBot.Application.Telemetry;

namespace QaBot.Application.Tests.Telemetry;

[Trait("Category", "Fast")]
public sealed class TelemetryRedactionTests
{
    [Theory]
    [InlineData("/v1.0/users/jo.bloggs@council.example/calendar/events", "/v1.0/users/{user}/calendar/events")]
    [InlineData("/v1.0/users/8f1c2d3e-0000-4000-8000-000000000001/calendarView", "/v1.0/users/{user}/calendarView")]
    [InlineData("/v1.0/Users/jo.bloggs%40council.example", "/v1.0/Users/{user}")]
    [InlineData("/v1.0/users/a@x.example/events/1/instances?$filter=organizer eq 'a@x.example'", "/v1.0/users/{user}/events/1/instances")]
    [InlineData("/v1.0/groups/g1/members", "/v1.0/groups/g1/members")]
    [InlineData("/api/messages", "/api/messages")]
    public void RedactPath_PathsNamingPeople_ReplacesThePersonAndDropsTheQuery(string path, string expected) =>
        Assert.Equal(expected, TelemetryRedaction.RedactPath(path));

    [Fact]
    public void RedactUrl_GraphUrl_KeepsTheHostAndRedactsThePath() =>
        Assert.Equal(
            "https://graph.microsoft.com/v1.0/users/{user}/calendar/events",
            TelemetryRedaction.RedactUrl("https://graph.microsoft.com/v1.0/users/jo.bloggs@council.example/calendar/events?$top=5"));

    [Fact]
    public void RedactPath_Null_StaysNull() => Assert.Null(TelemetryRedaction.RedactPath(null));
}
