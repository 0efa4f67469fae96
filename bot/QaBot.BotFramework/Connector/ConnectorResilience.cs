using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace QaBot.BotFramework.Connector;

/// <summary>
/// When a connector call is tried again: a Polly retry pipeline (Microsoft.Extensions.Http.Resilience's HTTP retry
/// options) on the injected clock, configured by <c>Bot:Retry</c>.
/// <list type="bullet">
/// <item>429 is retried for every call: the channel did nothing with the request, so even a send cannot arrive twice.</item>
/// <item>412, 502, 503, 504, network failures and timeouts are retried only for idempotent calls (updates, opening a
/// 1:1 chat): a send or reply that met them may already have been delivered.</item>
/// <item>The channel's Retry-After is waited out exactly, up to <see cref="ConnectorRetryOptions.MaxRetryAfter"/>; a
/// longer one ends the call as throttled, with the wait in the outcome for the caller to reschedule. Without it the
/// wait grows exponentially with jitter, capped at <see cref="ConnectorRetryOptions.MaxDelay"/>.</item>
/// <item>403 and 404 (a stale conversation) and other refusals are never retried.</item>
/// </list>
/// The reminder sender's client has no pipeline at all: its send ledger and the shared rate budget decide what is
/// sent again, and a retry inside the client would send twice or over the limit.
/// </summary>
internal static partial class ConnectorResilience
{
    /// <summary>The call being made, set on the pipeline's context by <see cref="BotConnectorClient"/>.</summary>
    public static readonly ResiliencePropertyKey<ConnectorCall> Call = new("QaBot.BotFramework.ConnectorCall");

    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(ConnectorRetryOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
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
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? ConnectorResponses.RetryAfterOf(response, time) : null),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options.MaxRetryAfter, time)),
                OnRetry = args =>
                {
                    var call = args.Context.Properties.GetValue(Call, ConnectorCall.Unknown);
                    LogRetrying(logger, call.Operation, call.ConversationId, args.Outcome.Result is { } response ? (int)response.StatusCode : 0, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Statuses worth another attempt: throttled (429), precondition failed (412), gateway errors (502, 503, 504).</summary>
    public static bool IsTransient(int statusCode) => statusCode is 412 or 429 or 502 or 503 or 504;

    /// <summary>Statuses that mean the conversation is gone or closed to the bot: never retried.</summary>
    public static bool IsStale(int statusCode) => statusCode is 403 or 404;

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxRetryAfter, TimeProvider time)
    {
        var idempotent = context.Properties.GetValue(Call, ConnectorCall.Unknown).Idempotent;
        if (outcome.Result is { } response)
        {
            var status = (int)response.StatusCode;
            if (!IsTransient(status) || ConnectorResponses.RetryAfterOf(response, time) > maxRetryAfter)
            {
                return false;
            }

            return status == 429 || idempotent;
        }

        // No answer (network failure or timeout): the channel may still have acted on the request.
        return idempotent
            && outcome.Exception is HttpRequestException or OperationCanceledException
            && !context.CancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(EventId = 5031, Level = LogLevel.Warning, Message = "Connector {Operation} for conversation {ConversationId}: {StatusCode}, retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string operation, string conversationId, int statusCode, TimeSpan delay);
}
