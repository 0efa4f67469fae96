using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using QaBot.Application.Conversations;
using QaBot.BotFramework.Hosting;
using QaBot.Core.Organisation;
using QaBot.Testing.BotFramework;

namespace QaBot.Bot.Tests;

[Trait("Category", "Fast")]
public sealed class MessagesEndpointTests
{
    [Fact]
    public async Task Post_Message_TurnCarriesThePersonAndTheConversationReference()
    {
        using var host = new BotHost();

        using var response = await host.PostAsync(TeamsActivityJson.Message("What's overdue in my area?"));

        var turn = Assert.Single(host.Handler.Turns);
        Assert.Equal(TurnKind.Message, turn.Kind);
        Assert.Equal(new PersonId(TeamsActivityJson.UserObjectId), turn.Sender.PersonId);
        Assert.Equal(TeamsActivityJson.ConversationId, turn.Reference!.ConversationId);
        Assert.Equal(TestChannelAuthority.ServiceUrl, turn.Reference.ServiceUrl);
        Assert.Equal(TestChannelAuthority.TenantId, turn.Reference.TenantId);
    }

    [Fact]
    public async Task Post_Message_ReplyIsAMessageAddressedBackToTheSender()
    {
        using var host = new BotHost();

        await host.PostAsync(TeamsActivityJson.Message());

        var reply = JsonDocument.Parse(Assert.Single(host.Connector.Requests).Body).RootElement;
        Assert.Equal("message", reply.GetProperty("type").GetString());
        Assert.Equal("Noted.", reply.GetProperty("text").GetString());
        Assert.Equal(TeamsActivityJson.UserId, reply.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal(TeamsActivityJson.BotId, reply.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal(TeamsActivityJson.ActivityId, reply.GetProperty("replyToId").GetString());
    }

    [Fact]
    public async Task Post_SeveralReplies_PostedInOrder()
    {
        using var host = new BotHost();
        host.Handler.Respond = _ => TurnResult.Reply(OutboundMessage.FromText("first"), OutboundMessage.FromCard("""{"type":"AdaptiveCard","version":"1.5","body":[]}"""));

        await host.PostAsync(TeamsActivityJson.Message());

        Assert.Equal(2, host.Connector.Requests.Count);
        Assert.Equal("first", JsonDocument.Parse(host.Connector.Requests[0].Body).RootElement.GetProperty("text").GetString());
        Assert.True(JsonDocument.Parse(host.Connector.Requests[1].Body).RootElement.TryGetProperty("attachments", out _));
    }

    [Fact]
    public async Task Post_CardAction_InvokeResponseCardInTheBody()
    {
        using var host = new BotHost();
        host.Handler.Respond = turn => TurnResult.Invoke(InvokeResponse.Card($$"""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Recorded {{turn.CardAction!.Verb}}"}]}"""));

        using var response = await host.PostAsync(TeamsActivityJson.CardAction("done", new JsonObject { ["occurrenceId"] = "occ-1" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        Assert.Equal("Recorded done", body.GetProperty("value").GetProperty("body")[0].GetProperty("text").GetString());
        var turn = Assert.Single(host.Handler.Turns);
        Assert.Equal("1700000000000", turn.CardActivityId);
        Assert.Equal("occ-1", JsonDocument.Parse(turn.CardAction!.DataJson).RootElement.GetProperty("occurrenceId").GetString());
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task Post_CardActionRefused_ErrorResponseWithItsStatus()
    {
        using var host = new BotHost();
        host.Handler.Respond = _ => TurnResult.Invoke(InvokeResponse.Error(403, "NotYourItem", "This item belongs to someone else, so it was not changed."));

        using var response = await host.PostAsync(TeamsActivityJson.CardAction("done"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(403, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.error", body.GetProperty("type").GetString());
        Assert.Equal("NotYourItem", body.GetProperty("value").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Post_InvokeLeftUnanswered_NotImplemented()
    {
        using var host = new BotHost();
        host.Handler.Respond = _ => TurnResult.None;

        using var response = await host.PostAsync(TeamsActivityJson.CardAction("done"));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Post_TurnThrowsOnMessage_PoliteApologyRepliedAndExceptionLoggedWithActivityId()
    {
        using var host = new BotHost();
        host.Handler.Respond = _ => throw new InvalidOperationException("Table 'occurrences' timed out at row 42 (secret detail)");

        using var response = await host.PostAsync(TeamsActivityJson.Message());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(host.Connector.Requests);
        Assert.Equal(BotFrameworkAdapter.Apology, JsonDocument.Parse(reply.Body).RootElement.GetProperty("text").GetString());
        Assert.DoesNotContain("secret detail", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret detail", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var logged = Assert.Single(host.Logs.Entries, e => e.EventId.Id == 5044);
        Assert.Contains(TeamsActivityJson.ActivityId, logged.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(logged.Exception);
    }

    [Fact]
    public async Task Post_TurnThrowsOnCardAction_ApologyInTheInvokeResponse()
    {
        using var host = new BotHost();
        host.Handler.Respond = _ => throw new InvalidOperationException("secret detail");

        using var response = await host.PostAsync(TeamsActivityJson.CardAction("done"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("application/vnd.microsoft.activity.message", body.GetProperty("type").GetString());
        Assert.Equal(BotFrameworkAdapter.Apology, body.GetProperty("value").GetString());
        Assert.DoesNotContain("secret detail", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_TurnLogs_CarryActivityAndConversationScope()
    {
        using var host = new BotHost();
        host.Handler.Respond = _ => throw new InvalidOperationException("boom");

        await host.PostAsync(TeamsActivityJson.Message());

        var logged = Assert.Single(host.Logs.Entries, e => e.EventId.Id == 5044);
        var scope = Assert.IsAssignableFrom<IEnumerable<KeyValuePair<string, object?>>>(Assert.Single(logged.Scopes, s => s is IEnumerable<KeyValuePair<string, object?>> pairs && pairs.Any(p => p.Key == "ActivityId")));
        Assert.Contains(scope, p => p.Key == "ConversationId" && (string?)p.Value == TeamsActivityJson.ConversationId);
    }

    [Fact]
    public async Task Post_ReplyCannotBeDelivered_StillAcknowledged()
    {
        using var host = new BotHost();
        host.Connector.RespondWith(_ => new HttpResponseMessage(HttpStatusCode.Forbidden));

        using var response = await host.PostAsync(TeamsActivityJson.Message());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Connector.Requests);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Id == 5045);
    }

    [Fact]
    public async Task Post_UnknownActivityType_AcknowledgedAndIgnored()
    {
        using var host = new BotHost();

        using var response = await host.PostAsync(TeamsActivityJson.OfType("holographicHandshake"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Handler.Turns);
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task Post_KnownActivityWithNothingToSay_AcknowledgedWithoutReplies()
    {
        using var host = new BotHost();
        host.Handler.Respond = _ => TurnResult.None;

        using var response = await host.PostAsync(TeamsActivityJson.OfType("typing"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TurnKind.Other, Assert.Single(host.Handler.Turns).Kind);
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task Post_MalformedJson_BadRequestWithReasonAndNothingWritten()
    {
        using var host = new BotHost();

        using var response = await host.PostRawAsync("{\"type\": \"message\", \"text\": ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("malformed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.Handler.Turns);
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task Post_MissingConversationId_BadRequestNamingTheField()
    {
        using var host = new BotHost();
        var activity = TeamsActivityJson.Message();
        activity["conversation"]!.AsObject().Remove("id");

        using var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The activity is missing the required field 'conversation.id'.", await response.Content.ReadAsStringAsync());
        Assert.Empty(host.Handler.Turns);
    }

    [Fact]
    public async Task Post_BodyOver256KB_PayloadTooLarge()
    {
        using var host = new BotHost();
        var activity = TeamsActivityJson.Message(new string('a', 257 * 1024));

        using var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(host.Handler.Turns);
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task Post_ChunkedBodyOver256KB_PayloadTooLarge()
    {
        using var host = new BotHost();
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(TeamsActivityJson.Message(new string('a', 300 * 1024)).ToJsonString()))),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new("Bearer", host.Authority.CreateToken());

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(host.Handler.Turns);
    }

    [Fact]
    public async Task Post_BodyJustUnder256KB_Accepted()
    {
        using var host = new BotHost();
        var activity = TeamsActivityJson.Message(string.Empty);
        var overhead = Encoding.UTF8.GetByteCount(activity.ToJsonString());
        activity["text"] = new string('a', (256 * 1024) - overhead);

        using var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Handler.Turns);
    }

    [Fact]
    public async Task Head_AsThePlaygroundSendsOnPageLoad_Ok()
    {
        using var host = new BotHost();
        using var client = host.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/messages"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
