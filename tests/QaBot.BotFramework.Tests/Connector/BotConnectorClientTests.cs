using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly;
using QaBot.Application.Conversations;
using QaBot.BotFramework.Connector;
using QaBot.Core.Organisation;
using QaBot.Testing.BotFramework;
using QaBot.Testing.Http;
using QaBot.Testing.Time;

namespace QaBot.BotFramework.Tests.Connector;

[Trait("Category", "Fast")]
public sealed class BotConnectorClientTests : IDisposable
{
    private static readonly ConversationReference Conversation = new(
        new PersonId(TestActivities.UserObjectId),
        "msteams",
        TestChannelAuthority.ServiceUrl,
        "a:1Xy;messageid=1@thread",
        TestActivities.UserId,
        TestActivities.BotId,
        TestChannelAuthority.TenantId);

    private readonly FakeHttpHandler _connector = new();
    private readonly InstantDelayTimeProvider _time = new();

    public void Dispose() => _connector.Dispose();

    [Fact]
    public async Task SendAsync_Accepted_ReturnsActivityIdAndPostsToTheConversationWithToken()
    {
        _connector.RespondWith(_ => FakeHttpHandler.Json(HttpStatusCode.Created, """{"id":"1700000000123"}"""));

        var outcome = await Create().SendAsync(Conversation, OutboundMessage.FromText("Hello"), default);

        Assert.Equal(SendStatus.Sent, outcome.Status);
        Assert.Equal("1700000000123", outcome.ActivityId);
        var request = Assert.Single(_connector.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://smba.trafficmanager.net/uk/v3/conversations/a%3A1Xy%3Bmessageid%3D1%40thread/activities", request.Uri.AbsoluteUri);
        Assert.Equal("connector-token", request.BearerToken);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("message", body.GetProperty("type").GetString());
        Assert.Equal("Hello", body.GetProperty("text").GetString());
        Assert.Equal(TestActivities.UserId, body.GetProperty("recipient").GetProperty("id").GetString());
    }

    [Fact]
    public async Task SendAsync_NoCredential_SendsNoAuthorizationHeader()
    {
        _connector.RespondWith(_ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"id":"1"}"""));
        var local = Conversation with { ServiceUrl = "http://localhost:56150/_connector" };

        var outcome = await Create(tokens: new NoBotTokenProvider(), serviceUrls: Development).SendAsync(local, OutboundMessage.FromText("Hello"), default);

        Assert.True(outcome.IsSent);
        Assert.Null(Assert.Single(_connector.Requests).Headers.Authorization);
        Assert.StartsWith("http://localhost:56150/_connector/v3/conversations/", _connector.Requests[0].Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyAsync_PostsToTheActivity()
    {
        _connector.RespondWith(_ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"id":"2"}"""));

        await Create().ReplyAsync(Conversation, "1:abc", OutboundMessage.FromText("Hi"), default);

        var request = Assert.Single(_connector.Requests);
        Assert.EndsWith("/activities/1%3Aabc", request.Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("1:abc", JsonDocument.Parse(request.Body).RootElement.GetProperty("replyToId").GetString());
    }

    [Fact]
    public async Task UpdateAsync_PutsTheWholeActivity()
    {
        _connector.RespondWith(_ => FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));

        var outcome = await Create().UpdateAsync(Conversation, "1700000000123", OutboundMessage.FromCard("""{"type":"AdaptiveCard","version":"1.5"}"""), default);

        Assert.Equal("1700000000123", outcome.ActivityId);
        var request = Assert.Single(_connector.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.EndsWith("/activities/1700000000123", request.Uri.AbsoluteUri, StringComparison.Ordinal);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("1700000000123", body.GetProperty("id").GetString());
        Assert.Equal("AdaptiveCard", body.GetProperty("attachments")[0].GetProperty("content").GetProperty("type").GetString());
    }

    [Fact]
    public async Task CreatePersonalConversationAsync_PostsBotMemberAndTenant_ReturnsConversationId()
    {
        _connector.RespondWith(_ => FakeHttpHandler.Json(HttpStatusCode.Created, """{"id":"a:1NewChat"}"""));
        var request = new PersonalConversationRequest(new PersonId(TestActivities.UserObjectId), "msteams", TestChannelAuthority.ServiceUrl, TestActivities.UserId, TestActivities.BotId, TestChannelAuthority.TenantId);

        var outcome = await Create().CreatePersonalConversationAsync(request, default);

        Assert.Equal("a:1NewChat", outcome.ConversationId);
        Assert.Equal("a:1NewChat", request.ToReference(outcome.ConversationId!).ConversationId);
        var sent = Assert.Single(_connector.Requests);
        Assert.Equal("https://smba.trafficmanager.net/uk/v3/conversations", sent.Uri.AbsoluteUri);
        var body = JsonDocument.Parse(sent.Body).RootElement;
        Assert.Equal(TestActivities.BotId, body.GetProperty("bot").GetProperty("id").GetString());
        Assert.Equal(TestActivities.UserId, body.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal(TestChannelAuthority.TenantId, body.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        Assert.False(body.GetProperty("isGroup").GetBoolean());
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter_WaitsExactlyThatLongThenSends()
    {
        _connector.RespondInTurn(
            () => Throttled(TimeSpan.FromSeconds(7)),
            () => FakeHttpHandler.Json(HttpStatusCode.OK, """{"id":"after-wait"}"""));

        var outcome = await Create().SendAsync(Conversation, OutboundMessage.FromText("Hello"), default);

        Assert.Equal(SendStatus.Sent, outcome.Status);
        Assert.Equal("after-wait", outcome.ActivityId);
        Assert.Equal([TimeSpan.FromSeconds(7)], _time.Delays);
        Assert.Equal([429, 200], outcome.Attempts.Select(a => a.StatusCode));
        Assert.Equal(TimeSpan.FromSeconds(7), outcome.Attempts[0].RetryAfter);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterAsADate_WaitsUntilThenOnTheInjectedClock()
    {
        _connector.RespondInTurn(
            () =>
            {
                var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(9));
                return response;
            },
            () => FakeHttpHandler.Json(HttpStatusCode.OK, """{"id":"after-date"}"""));

        var outcome = await Create().SendAsync(Conversation, OutboundMessage.FromText("Hello"), default);

        Assert.Equal("after-date", outcome.ActivityId);
        Assert.Equal([TimeSpan.FromSeconds(9)], _time.Delays);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterLongerThanAllowed_ThrottledAtOnce()
    {
        _connector.RespondWith(_ => Throttled(TimeSpan.FromMinutes(10)));

        var outcome = await Create().SendAsync(Conversation, OutboundMessage.FromText("Hello"), default);

        Assert.Equal(SendStatus.Throttled, outcome.Status);
        Assert.Equal(TimeSpan.FromMinutes(10), outcome.RetryAfter);
        Assert.Single(_connector.Requests);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task SendAsync_429EveryTime_ThrottledAfterMaxAttempts()
    {
        _connector.RespondWith(_ => Throttled(TimeSpan.FromSeconds(1)));

        var outcome = await Create().SendAsync(Conversation, OutboundMessage.FromText("Hello"), default);

        Assert.Equal(SendStatus.Throttled, outcome.Status);
        Assert.Equal(4, _connector.Requests.Count);
        Assert.Equal(4, outcome.Attempts.Count);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], _time.Delays);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    public async Task SendAsync_TransientStatus_NotRetriedBecauseTheMessageMayHaveArrived(HttpStatusCode transient)
    {
        _connector.RespondInTurn(
            () => new HttpResponseMessage(transient),
            () => FakeHttpHandler.Json(HttpStatusCode.OK, """{"id":"second-time"}"""));

        var outcome = await Create().SendAsync(Conversation, OutboundMessage.FromText("Hello"), default);

        Assert.Equal(SendStatus.Failed, outcome.Status);
        Assert.Equal((int)transient, outcome.StatusCode);
        Assert.Single(_connector.Requests);
        Assert.Empty(_time.Delays);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    public async Task UpdateAsync_TransientStatusThenSuccess_RetriedWithGrowingBackoff(HttpStatusCode transient)
    {
        _connector.RespondInTurn(
            () => new HttpResponseMessage(transient),
            () => new HttpResponseMessage(transient),
            () => FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));

        var outcome = await Create(retry: new ConnectorRetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) })
            .UpdateAsync(Conversation, "1", OutboundMessage.FromText("Updated"), default);

        Assert.True(outcome.IsSent);
        Assert.Equal(3, _connector.Requests.Count);
        Assert.Equal(2, _time.Delays.Count);
        Assert.All(_time.Delays, d => Assert.InRange(d, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task UpdateAsync_BackoffWithoutRetryAfter_NeverOverTheCap()
    {
        _connector.RespondWith(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        var outcome = await Create(retry: new ConnectorRetryOptions { MaxAttempts = 10, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(4) })
            .UpdateAsync(Conversation, "1", OutboundMessage.FromText("Updated"), default);

        Assert.Equal(SendStatus.Failed, outcome.Status);
        Assert.Equal(10, _connector.Requests.Count);
        Assert.Equal(9, _time.Delays.Count);
        Assert.All(_time.Delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(4)));
    }

    [Fact]
    public async Task UpdateAsync_503EveryTime_FailedAfterMaxAttempts()
    {
        _connector.RespondWith(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        var outcome = await Create().UpdateAsync(Conversation, "1", OutboundMessage.FromText("Updated"), default);

        Assert.Equal(SendStatus.Failed, outcome.Status);
        Assert.Equal(503, outcome.StatusCode);
        Assert.Equal(4, _connector.Requests.Count);
        Assert.Equal(4, outcome.Attempts.Count);
    }

    [Fact]
    public async Task CreatePersonalConversationAsync_503ThenCreated_RetriedBecauseTeamsReturnsTheSameChat()
    {
        _connector.RespondInTurn(
            () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            () => FakeHttpHandler.Json(HttpStatusCode.Created, """{"id":"a:1NewChat"}"""));
        var request = new PersonalConversationRequest(new PersonId(TestActivities.UserObjectId), "msteams", TestChannelAuthority.ServiceUrl, TestActivities.UserId, TestActivities.BotId, TestChannelAuthority.TenantId);

        var outcome = await Create().CreatePersonalConversationAsync(request, default);

        Assert.Equal("a:1NewChat", outcome.ConversationId);
        Assert.Equal(2, _connector.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_NoRetryPipeline_429ReportedAtOnceWithItsWait()
    {
        _connector.RespondWith(_ => Throttled(TimeSpan.FromSeconds(3)));

        var outcome = await Create(retries: ResiliencePipeline<HttpResponseMessage>.Empty).SendAsync(Conversation, OutboundMessage.FromText("Hello"), default);

        Assert.Equal(SendStatus.Throttled, outcome.Status);
        Assert.Equal(TimeSpan.FromSeconds(3), outcome.RetryAfter);
        Assert.Single(_connector.Requests);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task SendAsync_OneAttemptConfigured_NeverRetries()
    {
        _connector.RespondWith(_ => Throttled(TimeSpan.FromSeconds(1)));

        var outcome = await Create(retry: new ConnectorRetryOptions { MaxAttempts = 1 }).SendAsync(Conversation, OutboundMessage.FromText("Hello"), default);

        Assert.Equal(SendStatus.Throttled, outcome.Status);
        Assert.Single(_connector.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task UpdateAsync_ForbiddenOrNotFound_StaleWithoutRetry(HttpStatusCode status)
    {
        _connector.RespondWith(_ => new HttpResponseMessage(status));

        var outcome = await Create().UpdateAsync(Conversation, "1", OutboundMessage.FromText("Updated"), default);

        Assert.Equal(SendStatus.Stale, outcome.Status);
        Assert.Equal((int)status, outcome.StatusCode);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task UpdateAsync_BadRequest_FailedWithoutRetry()
    {
        _connector.RespondWith(_ => new HttpResponseMessage(HttpStatusCode.BadRequest));

        var outcome = await Create().UpdateAsync(Conversation, "1", OutboundMessage.FromText("Updated"), default);

        Assert.Equal(SendStatus.Failed, outcome.Status);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task SendAsync_CorrelatingOperationId_KeptInTheAttempt()
    {
        _connector.RespondWith(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Forbidden);
            response.Headers.Add("X-Correlating-OperationId", "op-42");
            return response;
        });

        var outcome = await Create().SendAsync(Conversation, OutboundMessage.FromText("Hello"), default);

        Assert.Equal("op-42", Assert.Single(outcome.Attempts).CorrelationId);
    }

    [Fact]
    public async Task SendAsync_NetworkFailure_NotRetriedBecauseTheMessageMayHaveArrived()
    {
        var calls = 0;
        _connector.RespondWith(_ => ++calls == 1
            ? throw new HttpRequestException("connection reset")
            : FakeHttpHandler.Json(HttpStatusCode.OK, """{"id":"ok"}"""));

        var outcome = await Create().SendAsync(Conversation, OutboundMessage.FromText("Hello"), default);

        Assert.Equal(SendStatus.Failed, outcome.Status);
        Assert.Null(Assert.Single(outcome.Attempts).StatusCode);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task UpdateAsync_NetworkFailureThenSuccess_Retried()
    {
        var calls = 0;
        _connector.RespondWith(_ => ++calls == 1
            ? throw new HttpRequestException("connection refused")
            : FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));

        var outcome = await Create().UpdateAsync(Conversation, "1", OutboundMessage.FromText("Updated"), default);

        Assert.True(outcome.IsSent);
        Assert.Null(outcome.Attempts[0].StatusCode);
        Assert.Equal(200, outcome.Attempts[1].StatusCode);
    }

    [Fact]
    public async Task SendAsync_TimeoutOnPost_NotRetriedBecauseItMayHaveBeenDelivered()
    {
        _connector.RespondWith(_ => throw new TaskCanceledException("timed out", new TimeoutException()));

        var outcome = await Create().SendAsync(Conversation, OutboundMessage.FromText("Hello"), default);

        Assert.Equal(SendStatus.Failed, outcome.Status);
        Assert.Equal("The Bot Connector did not answer in time.", outcome.Reason);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task UpdateAsync_TimeoutOnPut_Retried()
    {
        var calls = 0;
        _connector.RespondWith(_ => ++calls == 1
            ? throw new TaskCanceledException("timed out", new TimeoutException())
            : FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));

        var outcome = await Create().UpdateAsync(Conversation, "1", OutboundMessage.FromText("Updated"), default);

        Assert.True(outcome.IsSent);
        Assert.Equal(2, _connector.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_CancelledWhileWaitingOutRetryAfter_Throws()
    {
        using var cancel = new CancellationTokenSource();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        var firstAttempt = new TaskCompletionSource();
        _connector.RespondWith(_ =>
        {
            firstAttempt.TrySetResult();
            return Throttled(TimeSpan.FromSeconds(30));
        });
        var client = new BotConnectorClient(
            new FixedHttpClientFactory(_connector),
            new StaticTokens("connector-token"),
            TeamsOnly,
            ConnectorResilience.CreatePipeline(new ConnectorRetryOptions(), time, NullLogger.Instance),
            time,
            NullLogger<BotConnectorClient>.Instance);

        var send = client.SendAsync(Conversation, OutboundMessage.FromText("Hello"), cancel.Token);
        await firstAttempt.Task;
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.Single(_connector.Requests);
    }

    [Theory]
    [InlineData("http://smba.trafficmanager.net/uk/")]
    [InlineData("ftp://smba.trafficmanager.net/uk/")]
    [InlineData("not a url")]
    public async Task SendAsync_ServiceUrlNotHttpsOffThisMachine_FailedWithoutSending(string serviceUrl)
    {
        var outcome = await Create().SendAsync(Conversation with { ServiceUrl = serviceUrl }, OutboundMessage.FromText("Hello"), default);

        Assert.Equal(SendStatus.Failed, outcome.Status);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task SendAsync_TokenUnavailable_FailedWithoutSending()
    {
        var outcome = await Create(tokens: new FailingTokens()).SendAsync(Conversation, OutboundMessage.FromText("Hello"), default);

        Assert.Equal(SendStatus.Failed, outcome.Status);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task SendAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Create().SendAsync(Conversation, OutboundMessage.FromText("Hello"), cancelled.Token));
    }

    private static HttpResponseMessage Throttled(TimeSpan retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        return response;
    }

    [Theory]
    [InlineData("https://evil.example/uk/")]
    [InlineData("https://smba.trafficmanager.net.evil.example/uk/")]
    [InlineData("https://smba.trafficmanager.net:8443/uk/")]
    [InlineData("https://someone@smba.trafficmanager.net/uk/")]
    [InlineData("http://localhost:56150/_connector")]
    public async Task SendAsync_StoredConversationOffTheAllowedHosts_StaleAndNothingSent(string serviceUrl)
    {
        var outcome = await Create().SendAsync(Conversation with { ServiceUrl = serviceUrl }, OutboundMessage.FromText("Hello"), default);

        Assert.Equal(SendStatus.Stale, outcome.Status);
        Assert.Contains("Bot:ServiceUrlHosts", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task CreatePersonalConversationAsync_ServiceUrlOffTheAllowedHosts_FailedAndNothingSent()
    {
        var request = new PersonalConversationRequest(new PersonId(TestActivities.UserObjectId), "msteams", "https://evil.example/", TestActivities.UserId, TestActivities.BotId, TestChannelAuthority.TenantId);

        var outcome = await Create().CreatePersonalConversationAsync(request, default);

        Assert.Equal(SendStatus.Failed, outcome.Status);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task SendAsync_LoopbackInDevelopment_Sent()
    {
        _connector.RespondWith(_ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"id":"1"}"""));
        var outcome = await Create(serviceUrls: Development)
            .SendAsync(Conversation with { ServiceUrl = "http://localhost:56150/_connector" }, OutboundMessage.FromText("Hello"), default);

        Assert.Equal(SendStatus.Sent, outcome.Status);
        Assert.Equal("http://localhost:56150/_connector/v3/conversations/a%3A1Xy%3Bmessageid%3D1%40thread/activities", Assert.Single(_connector.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task SendAsync_GovernmentCloudHostConfigured_SentThereAndNotToThePublicCloud()
    {
        _connector.RespondWith(_ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"id":"1"}"""));
        var client = Create(serviceUrls: new ServiceUrlPolicy(["smba.infra.gcc.teams.microsoft.com"], allowLoopback: false));

        var gcc = await client.SendAsync(Conversation with { ServiceUrl = "https://smba.infra.gcc.teams.microsoft.com/gcc/" }, OutboundMessage.FromText("Hello"), default);
        var publicCloud = await client.SendAsync(Conversation, OutboundMessage.FromText("Hello"), default);

        Assert.Equal(SendStatus.Sent, gcc.Status);
        Assert.Equal(SendStatus.Stale, publicCloud.Status);
        Assert.Single(_connector.Requests);
    }

    private static readonly ServiceUrlPolicy TeamsOnly = new([BotOptions.TeamsPublicCloudServiceUrlHost], allowLoopback: false);

    private static readonly ServiceUrlPolicy Development = new([BotOptions.TeamsPublicCloudServiceUrlHost], allowLoopback: true);

    private BotConnectorClient Create(IBotTokenProvider? tokens = null, ConnectorRetryOptions? retry = null, ResiliencePipeline<HttpResponseMessage>? retries = null, ServiceUrlPolicy? serviceUrls = null) => new(
        new FixedHttpClientFactory(_connector),
        tokens ?? new StaticTokens("connector-token"),
        serviceUrls ?? TeamsOnly,
        retries ?? ConnectorResilience.CreatePipeline(retry ?? new ConnectorRetryOptions(), _time, NullLogger.Instance),
        _time,
        NullLogger<BotConnectorClient>.Instance);

    private sealed class StaticTokens(string token) : IBotTokenProvider
    {
        public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);
    }

    private sealed class FailingTokens : IBotTokenProvider
    {
        public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The credential is not available.");
    }
}
