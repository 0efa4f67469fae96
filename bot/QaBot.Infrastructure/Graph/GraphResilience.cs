using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;
using Polly;

namespace QaBot.Infrastructure.Graph;

/// <summary>
/// Graph's retries, in place of the SDK's own retry handler: a Polly retry pipeline (Microsoft.Extensions.Http.Resilience)
/// on the injected clock, configured by <c>Graph:Retry</c>, then a timeout for each attempt (<c>Graph:Timeout</c>).
/// <list type="bullet">
/// <item>429 is retried for every request: Graph did nothing with it.</item>
/// <item>502, 503, 504, network failures and attempt timeouts are retried only for idempotent requests: GET, HEAD,
/// OPTIONS, PUT and DELETE, and requests their caller marks with <see cref="Idempotent"/> because repeating them cannot
/// double their effect (an event created with a <c>transactionId</c>, an app install that answers 409 when repeated,
/// a PATCH that sets values).</item>
/// <item>Graph's Retry-After is waited out exactly, up to <see cref="GraphRetryOptions.MaxRetryAfter"/>; a longer one
/// ends the request with Graph's answer, for the next run. Without it the wait grows exponentially with jitter, capped
/// at <see cref="GraphRetryOptions.MaxDelay"/>.</item>
/// </list>
/// </summary>
internal static partial class GraphResilience
{
    /// <summary>Marks a request as safe to send again (add it to the request configuration's options).</summary>
    public static readonly IRequestOption Idempotent = new IdempotentOption();

    /// <summary>The handlers that take the place of the SDK's retry handler, outermost first.</summary>
    public static DelegatingHandler[] CreateHandlers(GraphOptions graph, TimeProvider time, ILogger logger)
    {
        // The attempt timeout measures the network, so it runs on the system clock; the waits between attempts run on
        // the injected one, where tests can see them.
        var attemptTimeout = new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(graph.Timeout).Build();
        return [new ResilienceHandler(CreateRetries(graph.Retry, time, logger)), new AttemptTimeoutHandler(attemptTimeout)];
    }

    internal static ResiliencePipeline<HttpResponseMessage> CreateRetries(GraphRetryOptions options, TimeProvider time, ILogger logger)
    {
        if (options.MaxAttempts <= 1)
        {
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,

                // Read below on the injected clock (the library reads a dated Retry-After on the system clock).
                ShouldRetryAfterHeader = false,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfterOf(response, time) : null),
                ShouldHandle = args =>
                {
                    var retry = ShouldRetry(args.Outcome, args.Context, options.MaxRetryAfter, time);
                    if (retry && args.AttemptNumber >= options.MaxAttempts - 1 && args.Outcome.Result is { } response)
                    {
                        var method = Method(args.Context);
                        LogGaveUp(logger, method, (int)response.StatusCode, args.AttemptNumber + 1);
                    }

                    return ValueTask.FromResult(retry);
                },
                OnRetry = args =>
                {
                    var method = Method(args.Context);
                    if (args.Outcome.Result is { } response)
                    {
                        LogRetry(logger, method, (int)response.StatusCode, args.AttemptNumber + 1, args.RetryDelay);
                    }
                    else
                    {
                        LogNetworkRetry(logger, method, args.AttemptNumber + 1, args.RetryDelay);
                    }

                    return default;
                },
            })
            .Build();
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxRetryAfter, TimeProvider time)
    {
        var request = context.GetRequestMessage();
        var idempotent = request is not null && IsIdempotent(request);
        if (outcome.Result is { } response)
        {
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                || RetryAfterOf(response, time) > maxRetryAfter)
            {
                return false;
            }

            return response.StatusCode == HttpStatusCode.TooManyRequests || idempotent;
        }

        // No answer (network failure or attempt timeout): Graph may still have acted on the request.
        return idempotent && HttpClientResiliencePredicates.IsTransient(outcome);
    }

    private static bool IsIdempotent(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
        || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete
        || request.GetRequestOption<IdempotentOption>() is not null;

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static string Method(ResilienceContext context) => context.GetRequestMessage()?.Method.Method ?? "-";

    private sealed class IdempotentOption : IRequestOption;

    /// <summary>Its own type, because the Graph SDK refuses two handlers of the same type in one pipeline.</summary>
    private sealed class AttemptTimeoutHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : ResilienceHandler(pipeline);

    [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "Graph {Method} answered {Status} on attempt {Attempt}; trying again in {Delay}")]
    private static partial void LogRetry(ILogger logger, string method, int status, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Warning, Message = "Graph {Method} answered {Status} on attempt {Attempt}; no more retries")]
    private static partial void LogGaveUp(ILogger logger, string method, int status, int attempt);

    [LoggerMessage(EventId = 7303, Level = LogLevel.Information, Message = "Graph {Method} got no answer on attempt {Attempt}; trying again in {Delay}")]
    private static partial void LogNetworkRetry(ILogger logger, string method, int attempt, TimeSpan delay);
}
