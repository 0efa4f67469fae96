using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using QaBot.Application.Conversations;
using QaBot.BotFramework.Hosting;
using QaBot.BotFramework.Schema;

namespace QaBot.BotFramework.Connector;

/// <summary>
/// The Bot Connector REST client (<c>/v3/conversations</c>): sends, replies, updates and creates 1:1 chats with the
/// bot's token, each call run through a retry pipeline (see <see cref="ConnectorResilience"/>; the reminder sender's
/// client is given none). Every result is a <see cref="SendOutcome"/>; only cancellation and bugs throw.
/// </summary>
public sealed partial class BotConnectorClient : IConversationSender
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly IHttpClientFactory _httpClients;
    private readonly IBotTokenProvider _tokens;
    private readonly ServiceUrlPolicy _serviceUrls;
    private readonly ResiliencePipeline<HttpResponseMessage> _retries;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public BotConnectorClient(
        IHttpClientFactory httpClients,
        IBotTokenProvider tokens,
        ServiceUrlPolicy serviceUrls,
        ResiliencePipeline<HttpResponseMessage> retries,
        TimeProvider time,
        ILogger<BotConnectorClient> logger)
    {
        _httpClients = httpClients;
        _tokens = tokens;
        _serviceUrls = serviceUrls;
        _retries = retries;
        _time = time;
        _logger = logger;
    }

    public Task<SendOutcome> SendAsync(ConversationReference conversation, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var activity = ActivityMapper.ToMessage(conversation, message);
        return PostActivityAsync(conversation.ServiceUrl, conversation.ConversationId, replyToId: null, activity, "send", cancellationToken);
    }

    public Task<SendOutcome> ReplyAsync(ConversationReference conversation, string replyToActivityId, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentException.ThrowIfNullOrWhiteSpace(replyToActivityId);
        var activity = ActivityMapper.ToMessage(conversation, message, replyToActivityId);
        return PostActivityAsync(conversation.ServiceUrl, conversation.ConversationId, replyToActivityId, activity, "reply", cancellationToken);
    }

    public Task<SendOutcome> PostToChannelAsync(TeamChannel channel, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var activity = ActivityMapper.ToChannelMessage(channel, message);
        return PostActivityAsync(channel.ServiceUrl, channel.ConversationId, replyToId: null, activity, "post-to-channel", cancellationToken);
    }

    public async Task<SendOutcome> UpdateAsync(ConversationReference conversation, string activityId, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        var activity = ActivityMapper.ToMessage(conversation, message);
        activity.Id = activityId;
        var body = JsonSerializer.SerializeToUtf8Bytes(activity, BotFrameworkJson.Default.Activity);
        var outcome = await ExecuteAsync(
            new ConnectorCall("update", HttpMethod.Put, conversation.ServiceUrl, ActivitiesPath(conversation.ConversationId, activityId), body, Idempotent: true, conversation.ConversationId),
            cancellationToken).ConfigureAwait(false);
        return outcome.IsSent ? outcome with { ActivityId = outcome.ActivityId ?? activityId } : outcome;
    }

    public async Task<SendOutcome> CreatePersonalConversationAsync(PersonalConversationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = ActivityMapper.ToConversationParameters(request);
        var body = JsonSerializer.SerializeToUtf8Bytes(parameters, BotFrameworkJson.Default.ConversationParameters);

        // Teams answers with the existing 1:1 chat when there is one, so a repeated create is harmless.
        var outcome = await ExecuteAsync(
            new ConnectorCall("create-conversation", HttpMethod.Post, request.ServiceUrl, "v3/conversations", body, Idempotent: true, ConversationId: "-"),
            cancellationToken).ConfigureAwait(false);
        if (outcome.IsSent && string.IsNullOrEmpty(outcome.ConversationId))
        {
            return outcome with { Status = SendStatus.Failed, Reason = "The channel created no conversation id." };
        }

        return outcome;
    }

    /// <summary>Posts an activity into a conversation, as a reply when <paramref name="replyToId"/> is given.</summary>
    internal Task<SendOutcome> PostActivityAsync(string serviceUrl, string conversationId, string? replyToId, Activity activity, string operation, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(activity, BotFrameworkJson.Default.Activity);
        return ExecuteAsync(
            new ConnectorCall(operation, HttpMethod.Post, serviceUrl, ActivitiesPath(conversationId, replyToId), body, Idempotent: false, conversationId),
            cancellationToken);
    }

    private static string ActivitiesPath(string conversationId, string? activityId) =>
        activityId is null
            ? $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities"
            : $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}";

    private async Task<SendOutcome> ExecuteAsync(ConnectorCall call, CancellationToken cancellationToken)
    {
        if (!LoopbackAddress.TryParseSecureOrLoopback(call.ServiceUrl, out var serviceUrl))
        {
            LogRefusedServiceUrl(_logger, call.Operation, call.ConversationId);
            return new SendOutcome { Status = SendStatus.Failed, Reason = "The service URL is not https (plain http is allowed for this machine only)." };
        }

        if (!_serviceUrls.IsAllowed(call.ServiceUrl))
        {
            // A stored conversation that names another host cannot be used, now or later: stale, for operators to see.
            // Opening a chat has no conversation to mark; it fails.
            LogServiceUrlHostNotAllowed(_logger, call.Operation, call.ConversationId);
            return new SendOutcome
            {
                Status = call.Operation == "create-conversation" ? SendStatus.Failed : SendStatus.Stale,
                Reason = "The service URL's host is not a Bot Connector host allowed by Bot:ServiceUrlHosts; the bot's token was not sent.",
            };
        }

        var attempt = new AttemptState(this, call, new Uri(serviceUrl.AbsoluteUri.TrimEnd('/') + "/" + call.Path), _httpClients.CreateClient(BotFrameworkHttpClients.Connector));
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ConnectorResilience.Call, call);
        HttpResponseMessage response;
        try
        {
            response = await _retries.ExecuteAsync(static (context, state) => state.Owner.SendAttemptAsync(state, context.CancellationToken), context, attempt).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TokenUnavailableException e)
        {
            LogTokenFailed(_logger, e.InnerException!, call.Operation, call.ConversationId);
            return new SendOutcome { Status = SendStatus.Failed, Reason = "The bot could not get a token for the Bot Connector.", Attempts = attempt.Attempts };
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return new SendOutcome
            {
                Status = SendStatus.Failed,
                Reason = e is OperationCanceledException ? "The Bot Connector did not answer in time." : "The Bot Connector could not be reached.",
                Attempts = attempt.Attempts,
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var last = attempt.Attempts[^1];
            if (response.IsSuccessStatusCode)
            {
                var resource = await ReadResourceAsync(response, cancellationToken).ConfigureAwait(false);
                var isCreate = call.Operation == "create-conversation";
                return new SendOutcome
                {
                    Status = SendStatus.Sent,
                    StatusCode = status,
                    ActivityId = isCreate ? resource?.ActivityId : resource?.Id,
                    ConversationId = isCreate ? resource?.Id : null,
                    Attempts = attempt.Attempts,
                };
            }

            if (ConnectorResilience.IsStale(status))
            {
                LogStale(_logger, call.Operation, call.ConversationId, status, last.CorrelationId ?? "-");
                return new SendOutcome
                {
                    Status = SendStatus.Stale,
                    StatusCode = status,
                    Reason = status == 403
                        ? "The channel refused the message (403): the person may have blocked or removed the bot, or an admin disabled it."
                        : "The conversation was not found (404).",
                    Attempts = attempt.Attempts,
                };
            }

            if (ConnectorResilience.IsTransient(status))
            {
                LogGaveUp(_logger, call.Operation, call.ConversationId, status, attempt.Attempts.Count);
                return new SendOutcome
                {
                    Status = status == 429 ? SendStatus.Throttled : SendStatus.Failed,
                    StatusCode = status,
                    RetryAfter = last.RetryAfter,
                    Reason = status == 429 ? "The channel is throttling the bot (429)." : $"The channel answered {status} on every attempt.",
                    Attempts = attempt.Attempts,
                };
            }

            LogRejected(_logger, call.Operation, call.ConversationId, status, last.CorrelationId ?? "-");
            return new SendOutcome
            {
                Status = SendStatus.Failed,
                StatusCode = status,
                Reason = $"The channel refused the request ({status}).",
                Attempts = attempt.Attempts,
            };
        }
    }

    /// <summary>One HTTP attempt, with a token fetched for it, recorded in <see cref="AttemptState.Attempts"/>.</summary>
    private async ValueTask<HttpResponseMessage> SendAttemptAsync(AttemptState state, CancellationToken cancellationToken)
    {
        var call = state.Call;
        string? token;
        try
        {
            token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new TokenUnavailableException(e);
        }

        var number = state.Attempts.Count + 1;
        var started = _time.GetUtcNow();
        using var request = new HttpRequestMessage(call.Method, state.Url);
        request.Content = new ByteArrayContent(call.Body);
        request.Content.Headers.ContentType = JsonMediaType;
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await state.Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            state.Attempts.Add(new SendAttempt(started, null, null, null));
            LogAttemptFailed(_logger, e, call.Operation, call.ConversationId, number);
            throw;
        }

        var correlation = ConnectorResponses.CorrelationOf(response);
        state.Attempts.Add(new SendAttempt(started, (int)response.StatusCode, correlation, ConnectorResponses.RetryAfterOf(response, _time)));
        LogAttempt(_logger, call.Operation, call.ConversationId, number, (int)response.StatusCode, correlation ?? "-");
        return response;
    }

    private async Task<ResourceResponse?> ReadResourceAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, BotFrameworkJson.Default.ResourceResponse);
        }
        catch (JsonException)
        {
            LogUnreadableResource(_logger);
            return null;
        }
    }

    private sealed record AttemptState(BotConnectorClient Owner, ConnectorCall Call, Uri Url, HttpClient Client)
    {
        public List<SendAttempt> Attempts { get; } = [];
    }

    private sealed class TokenUnavailableException(Exception inner) : Exception("The bot could not get a token for the Bot Connector.", inner);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Information, Message = "Connector {Operation} for conversation {ConversationId}: attempt {Attempt} answered {StatusCode} (operation id {CorrelationId})")]
    private static partial void LogAttempt(ILogger logger, string operation, string conversationId, int attempt, int statusCode, string correlationId);

    [LoggerMessage(EventId = 5032, Level = LogLevel.Warning, Message = "Connector {Operation} for conversation {ConversationId}: gave up after {StatusCode} on attempt {Attempt}")]
    private static partial void LogGaveUp(ILogger logger, string operation, string conversationId, int statusCode, int attempt);

    [LoggerMessage(EventId = 5033, Level = LogLevel.Warning, Message = "Connector {Operation} for conversation {ConversationId}: conversation is stale ({StatusCode}, operation id {CorrelationId})")]
    private static partial void LogStale(ILogger logger, string operation, string conversationId, int statusCode, string correlationId);

    [LoggerMessage(EventId = 5034, Level = LogLevel.Error, Message = "Connector {Operation} for conversation {ConversationId}: refused with {StatusCode} (operation id {CorrelationId})")]
    private static partial void LogRejected(ILogger logger, string operation, string conversationId, int statusCode, string correlationId);

    [LoggerMessage(EventId = 5035, Level = LogLevel.Warning, Message = "Connector {Operation} for conversation {ConversationId}: attempt {Attempt} got no response")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, string operation, string conversationId, int attempt);

    [LoggerMessage(EventId = 5036, Level = LogLevel.Error, Message = "Connector {Operation} for conversation {ConversationId}: could not get a token")]
    private static partial void LogTokenFailed(ILogger logger, Exception exception, string operation, string conversationId);

    [LoggerMessage(EventId = 5037, Level = LogLevel.Error, Message = "Connector {Operation} for conversation {ConversationId}: refused a service URL that is neither https nor on this machine")]
    private static partial void LogRefusedServiceUrl(ILogger logger, string operation, string conversationId);

    [LoggerMessage(EventId = 5039, Level = LogLevel.Error, Message = "Connector {Operation} for conversation {ConversationId}: refused a service URL whose host is not in Bot:ServiceUrlHosts; nothing sent")]
    private static partial void LogServiceUrlHostNotAllowed(ILogger logger, string operation, string conversationId);

    [LoggerMessage(EventId = 5038, Level = LogLevel.Warning, Message = "The connector's answer carried no readable resource id")]
    private static partial void LogUnreadableResource(ILogger logger);
}
