using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Kiota.Abstractions;
using QaBot.Infrastructure.Graph;
using QaBot.Testing.Http;
using QaBot.Testing.Time;

namespace QaBot.Infrastructure.Tests.Graph;

[Trait("Category", "Fast")]
public sealed class GraphResilienceTests : IDisposable
{
    private const string Url = "https://graph.microsoft.com/v1.0/users/organiser@council.example/events";

    private readonly FakeHttpHandler _graph = new();
    private readonly InstantDelayTimeProvider _time = new();

    public void Dispose() => _graph.Dispose();

    [Fact]
    public async Task Get_503ThenOk_RetriedAfterABackoffUnderTheCap()
    {
        _graph.RespondInTurn(() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), () => new HttpResponseMessage(HttpStatusCode.OK));

        using var response = await SendAsync(HttpMethod.Get);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _graph.Requests.Count);
        Assert.InRange(Assert.Single(_time.Delays), TimeSpan.FromTicks(1), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Get_503EveryTime_GivesUpAfterMaxAttemptsWithGraphsAnswer()
    {
        _graph.RespondWith(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        using var response = await SendAsync(HttpMethod.Get, new GraphRetryOptions { MaxAttempts = 3 });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(3, _graph.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Post_GatewayOrBusy_NotRetriedBecauseGraphMayHaveActed(HttpStatusCode status)
    {
        _graph.RespondInTurn(() => new HttpResponseMessage(status), () => new HttpResponseMessage(HttpStatusCode.Created));

        using var response = await SendAsync(HttpMethod.Post);

        Assert.Equal(status, response.StatusCode);
        Assert.Single(_graph.Requests);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task PostMarkedIdempotent_503ThenCreated_Retried()
    {
        _graph.RespondInTurn(() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), () => new HttpResponseMessage(HttpStatusCode.Created));

        using var response = await SendAsync(HttpMethod.Post, idempotent: true);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, _graph.Requests.Count);
        Assert.Equal(_graph.Requests[0].Body, _graph.Requests[1].Body);
    }

    [Fact]
    public async Task Post_429WithRetryAfter_WaitsExactlyThatLongThenSendsAgain()
    {
        _graph.RespondInTurn(() => Throttled(TimeSpan.FromSeconds(7)), () => new HttpResponseMessage(HttpStatusCode.Created));

        using var response = await SendAsync(HttpMethod.Post);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(7)], _time.Delays);
        Assert.Equal("{\"subject\":\"Board\"}", _graph.Requests[1].Body);
    }

    [Fact]
    public async Task Get_429WithRetryAfterAsADate_WaitsUntilThenOnTheInjectedClock()
    {
        _graph.RespondInTurn(
            () =>
            {
                var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
                response.Headers.RetryAfter = new RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(12));
                return response;
            },
            () => new HttpResponseMessage(HttpStatusCode.OK));

        using var response = await SendAsync(HttpMethod.Get);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(12)], _time.Delays);
    }

    [Fact]
    public async Task Get_RetryAfterLongerThanAllowed_EndsWithGraphsAnswer()
    {
        _graph.RespondWith(_ => Throttled(TimeSpan.FromMinutes(5)));

        using var response = await SendAsync(HttpMethod.Get, new GraphRetryOptions { MaxRetryAfter = TimeSpan.FromMinutes(2) });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Single(_graph.Requests);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task Get_NetworkFailureThenOk_Retried()
    {
        var calls = 0;
        _graph.RespondWith(_ => ++calls == 1 ? throw new HttpRequestException("connection refused") : new HttpResponseMessage(HttpStatusCode.OK));

        using var response = await SendAsync(HttpMethod.Get);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _graph.Requests.Count);
    }

    [Fact]
    public async Task Post_NetworkFailure_ThrownWithoutRetry()
    {
        _graph.RespondWith(_ => throw new HttpRequestException("connection reset"));

        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(HttpMethod.Post));
        Assert.Single(_graph.Requests);
    }

    [Fact]
    public async Task Get_OneAttemptConfigured_NeverRetries()
    {
        _graph.RespondWith(_ => Throttled(TimeSpan.FromSeconds(1)));

        using var response = await SendAsync(HttpMethod.Get, new GraphRetryOptions { MaxAttempts = 1 });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Single(_graph.Requests);
    }

    private static HttpResponseMessage Throttled(TimeSpan retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter);
        return response;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, GraphRetryOptions? retry = null, bool idempotent = false)
    {
        var handlers = GraphResilience.CreateHandlers(new GraphOptions { Retry = retry ?? new GraphRetryOptions() }, _time, NullLogger.Instance);
        handlers[0].InnerHandler = handlers[1];
        handlers[1].InnerHandler = _graph;
        using var client = new HttpClient(handlers[0], disposeHandler: false);
        using var request = new HttpRequestMessage(method, Url);
        if (method != HttpMethod.Get)
        {
            request.Content = new StringContent("{\"subject\":\"Board\"}");
        }

        if (idempotent)
        {
            // As the Graph SDK passes request options on.
            request.Options.Set(new HttpRequestOptionsKey<IRequestOption>(GraphResilience.Idempotent.GetType().FullName!), GraphResilience.Idempotent);
        }

        return await client.SendAsync(request);
    }
}
