using System.Net;
using QaBot.Testing.BotFramework;

namespace QaBot.Bot.Tests;

/// <summary>What strangers can make the bot write to its logs: nothing forged, and not much of it.</summary>
[Trait("Category", "Fast")]
public sealed class FrontDoorLoggingTests
{
    [Fact]
    public async Task Post_TokenKeyIdWithANewline_NoForgedLogLine()
    {
        using var host = new BotHost();
        const string Forged = "2026-12-04T06:00:00Z info: QaBot forged line";
        var token = host.Authority.CreateToken(new() { KeyId = "made-up\n" + Forged, UseUnpublishedKey = true });

        using var response = await host.PostAsync(TeamsActivityJson.Message(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEmpty(host.Logs.Entries);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains('\n', StringComparison.Ordinal) || e.Message.Contains("forged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_ManyRefusalsForOneReason_LoggedOncePerMinuteWithTheCountHeldBack()
    {
        using var host = new BotHost();

        for (var i = 0; i < 50; i++)
        {
            using var response = await host.PostAsync(TeamsActivityJson.Message(), token: null);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Single(host.Logs.Entries, e => e.EventId.Id == 5040);

        host.Time.Advance(TimeSpan.FromSeconds(61));
        using (await host.PostAsync(TeamsActivityJson.Message(), token: null))
        {
        }

        var refusals = host.Logs.Entries.Where(e => e.EventId.Id == 5040).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.Contains("49 more", refusals[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_RefusalsForDifferentReasons_EachLogged()
    {
        using var host = new BotHost();

        using (await host.PostAsync(TeamsActivityJson.Message(), token: null))
        using (await host.PostAsync(TeamsActivityJson.Message(tenantId: "11111111-2222-3333-4444-555555555555")))
        {
        }

        var refusals = host.Logs.Entries.Where(e => e.EventId.Id == 5040).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.Contains(refusals, e => e.Message.Contains("no bearer token", StringComparison.Ordinal));
        Assert.Contains(refusals, e => e.Message.Contains("tenant", StringComparison.Ordinal));
    }
}
