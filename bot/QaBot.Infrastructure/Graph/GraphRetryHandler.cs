using System.Net;
using Microsoft.Extensions.Logging;

namespace QaBot.Infrastructure.Graph;

/// <summary>
/// Retries Graph requests that were throttled (429) or met a busy service (502, 503, 504) or a network failure,
/// waiting out the Retry-After Graph sends (on the injected clock), otherwise backing off exponentially with jitter.
/// Replaces the Graph SDK's own retry handler so that waits are testable and limits are QaBot's settings. Each attempt
/// is a fresh copy of the request, with its body buffered once.
/// </summary>
internal sealed partial class GraphRetryHandler : DelegatingHandler
{
    private readonly GraphRetryOptions _policy;
    private readonly TimeProvider _time;
    private readonly TimeSpan _attemptTimeout;
    private readonly ILogger _logger;

    public GraphRetryHandler(GraphRetryOptions policy, TimeProvider time, TimeSpan attemptTimeout, ILogger logger)
    {
        _policy = policy;
        _time = time;
        _attemptTimeout = attemptTimeout;
        _logger = logger;
    }

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            using var attemptRequest = Copy(request, body);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_attemptTimeout);
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(attemptRequest, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (_policy.DelayBeforeRetry(attempt, null, Random.Shared.NextDouble) is not { } wait)
                {
                    throw;
                }

                LogNetworkRetry(_logger, request.Method.Method, attempt, wait);
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!IsTransient(response.StatusCode))
            {
                return response;
            }

            var retryAfter = RetryAfter(response);
            if (_policy.DelayBeforeRetry(attempt, retryAfter, Random.Shared.NextDouble) is not { } delay)
            {
                LogGaveUp(_logger, request.Method.Method, (int)response.StatusCode, attempt);
                return response;
            }

            LogRetry(_logger, request.Method.Method, (int)response.StatusCode, attempt, delay);
            response.Dispose();
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        foreach (var (name, values) in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        foreach (var option in request.Options)
        {
            copy.Options.Set(new HttpRequestOptionsKey<object?>(option.Key), option.Value);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var (name, values) in request.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return copy;
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "Graph {Method} answered {Status} on attempt {Attempt}; trying again in {Delay}")]
    private static partial void LogRetry(ILogger logger, string method, int status, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Warning, Message = "Graph {Method} answered {Status} on attempt {Attempt}; no more retries")]
    private static partial void LogGaveUp(ILogger logger, string method, int status, int attempt);

    [LoggerMessage(EventId = 7303, Level = LogLevel.Information, Message = "Graph {Method} failed to connect on attempt {Attempt}; trying again in {Delay}")]
    private static partial void LogNetworkRetry(ILogger logger, string method, int attempt, TimeSpan delay);
}
