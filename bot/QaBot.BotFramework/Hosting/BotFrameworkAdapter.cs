using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QaBot.Application.Conversations;
using QaBot.Application.Telemetry;
using QaBot.BotFramework.Authentication;
using QaBot.BotFramework.Connector;
using QaBot.BotFramework.Schema;

namespace QaBot.BotFramework.Hosting;

/// <summary>
/// Handles one <c>POST /api/messages</c> request from the channel: authenticates it, reads the activity, passes
/// the turn to the <see cref="ITurnHandler"/> registered in the request's services, posts its replies through the
/// connector and answers invokes in the response body. A rejected request reaches no handler and writes nothing.
/// </summary>
public sealed partial class BotFrameworkAdapter
{
    /// <summary>The largest activity accepted; Teams activities are a few kilobytes.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>What a person sees when their turn fails on our side. Never the exception's text.</summary>
    public const string Apology =
        "Sorry, something went wrong on our side and QaBot could not finish that. Please try again in a few minutes. " +
        "If it keeps happening, contact the QA team.";

    private readonly BotRequestAuthenticator _authenticator;
    private readonly BotConnectorClient _connector;
    private readonly ServiceUrlPolicy _serviceUrls;
    private readonly RefusalLogLimiter _refusalLogs;
    private readonly ILogger _logger;

    internal BotFrameworkAdapter(BotRequestAuthenticator authenticator, BotConnectorClient connector, ServiceUrlPolicy serviceUrls, TimeProvider time, ILogger<BotFrameworkAdapter> logger)
    {
        _refusalLogs = new RefusalLogLimiter(time);
        _serviceUrls = serviceUrls;
        _authenticator = authenticator;
        _connector = connector;
        _logger = logger;
    }

    public async Task ProcessAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.RequestAborted;

        if (_authenticator.IsLocalDevelopment && LocalDevelopmentGuard.CameThroughProxy(context.Request.Headers))
        {
            Refuse(context, AuthenticationResult.Unauthorized("local development (no Bot:AppId): the request came through a proxy (forwarded headers), so its caller cannot be known to be on this machine"));
            return;
        }

        var caller = await _authenticator.AuthenticateCallerAsync(
            context.Request.Headers.Authorization.ToString(),
            context.Connection.RemoteIpAddress,
            cancellationToken).ConfigureAwait(false);
        if (!caller.IsAllowed)
        {
            Refuse(context, caller);
            return;
        }

        var body = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            if (_refusalLogs.ShouldLog("too large", out var heldBack))
            {
                LogTooLarge(_logger, MaxBodyBytes, heldBack);
            }

            await WriteTextAsync(context, StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {MaxBodyBytes / 1024} KB.").ConfigureAwait(false);
            return;
        }

        var read = ActivityReader.Read(body);
        if (read.Activity is not { } activity)
        {
            // The reason can quote a field name from the body: sanitised, and limited as one reason.
            if (_refusalLogs.ShouldLog("malformed", out var heldBack))
            {
                LogBadRequest(_logger, LogText.Safe(read.Error, 200), heldBack);
            }

            await WriteTextAsync(context, StatusCodes.Status400BadRequest, read.Error!).ConfigureAwait(false);
            return;
        }

        var authorised = _authenticator.AuthorizeActivity(caller, activity);
        if (!authorised.IsAllowed)
        {
            Refuse(context, authorised);
            return;
        }

        // Replies, and the conversation reference the turn may store, would carry the bot's token to this URL.
        if (!_serviceUrls.IsAllowed(activity.ServiceUrl))
        {
            Refuse(context, AuthenticationResult.Forbidden("the activity's serviceUrl is not on a Bot Connector host allowed by Bot:ServiceUrlHosts"));
            return;
        }

        // The activity's fields come from its sender: logged only sanitised.
        var activityId = LogText.Safe(activity.Id);
        var activityType = LogText.Safe(activity.Type);
        using var scope = _logger.BeginScope(new Dictionary<string, object?>
        {
            ["ActivityId"] = activityId,
            ["ConversationId"] = LogText.Safe(activity.Conversation!.Id, 200),
            ["ActivityType"] = activityType,
        });

        var turn = ActivityMapper.ToTurn(activity);
        if (turn is null)
        {
            LogIgnored(_logger, activityType);
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var isInvoke = activity.Type == ActivityTypes.Invoke;
        using var turnActivity = QaBotTelemetry.Source.StartActivity(QaBotTelemetry.TurnActivity);
        turnActivity?.SetTag("qabot.activity_type", activityType);
        var started = Stopwatch.GetTimestamp();
        TurnResult result;
        try
        {
            var handler = context.RequestServices.GetRequiredService<ITurnHandler>();
            result = await handler.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            LogTurnFailed(_logger, e, activityId, activityType);
            result = isInvoke
                ? TurnResult.Invoke(InvokeResponse.Message(Apology))
                : TurnResult.Reply(OutboundMessage.FromText(Apology));
            turnActivity?.SetStatus(ActivityStatusCode.Error);
        }

        QaBotTelemetry.TurnDuration.Record(
            Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("activity_type", activityType));

        foreach (var reply in result.Replies)
        {
            var outcome = await _connector.PostActivityAsync(
                activity.ServiceUrl!,
                activity.Conversation.Id!,
                string.IsNullOrEmpty(activity.Id) ? null : activity.Id,
                ActivityMapper.ToReply(activity, reply),
                "reply",
                cancellationToken).ConfigureAwait(false);
            if (!outcome.IsSent)
            {
                LogReplyNotSent(_logger, activityId, outcome.Status, outcome.StatusCode ?? 0);
            }
        }

        if (!isInvoke)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (result.InvokeResponse is not { } invokeResponse)
        {
            var invokeName = LogText.Safe(activity.Name);
            LogInvokeUnanswered(_logger, invokeName);
            context.Response.StatusCode = StatusCodes.Status501NotImplemented;
            return;
        }

        var responseBody = JsonSerializer.SerializeToUtf8Bytes(
            ActivityMapper.ToInvokeResponseBody(invokeResponse),
            BotFrameworkJson.Default.AdaptiveCardInvokeResponse);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(responseBody, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxBodyBytes"/> (checked before and while reading).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private void Refuse(HttpContext context, AuthenticationResult result)
    {
        QaBotTelemetry.AuthenticationRefusals.Add(
            1,
            new KeyValuePair<string, object?>("status", result.Status.ToString()),
            new KeyValuePair<string, object?>("reason", LogText.Safe(result.Reason, 120)));
        if (_refusalLogs.ShouldLog(result.Reason, out var heldBack))
        {
            LogRefused(_logger, result.Status, result.Reason, heldBack);
        }

        context.Response.StatusCode = result.Status switch
        {
            AuthenticationStatus.Forbidden => StatusCodes.Status403Forbidden,
            AuthenticationStatus.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status401Unauthorized,
        };
        if (result.Status == AuthenticationStatus.Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }
    }

    private static Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    [LoggerMessage(EventId = 5040, Level = LogLevel.Warning, Message = "Refused a request to the messaging endpoint ({Status}): {Reason} ({HeldBack} more like it in the last minute were not logged)")]
    private static partial void LogRefused(ILogger logger, AuthenticationStatus status, string reason, int heldBack);

    [LoggerMessage(EventId = 5041, Level = LogLevel.Warning, Message = "Refused an activity larger than {MaxBytes} bytes ({HeldBack} more like it in the last minute were not logged)")]
    private static partial void LogTooLarge(ILogger logger, int maxBytes, int heldBack);

    [LoggerMessage(EventId = 5042, Level = LogLevel.Warning, Message = "Refused a malformed activity: {Reason} ({HeldBack} more like it in the last minute were not logged)")]
    private static partial void LogBadRequest(ILogger logger, string reason, int heldBack);

    [LoggerMessage(EventId = 5043, Level = LogLevel.Information, Message = "Acknowledged and ignored an activity of unknown type {ActivityType}")]
    private static partial void LogIgnored(ILogger logger, string activityType);

    [LoggerMessage(EventId = 5044, Level = LogLevel.Error, Message = "The turn for activity {ActivityId} ({ActivityType}) failed; the person was sent an apology")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string activityId, string activityType);

    [LoggerMessage(EventId = 5045, Level = LogLevel.Warning, Message = "A reply to activity {ActivityId} was not delivered: {Status} ({StatusCode})")]
    private static partial void LogReplyNotSent(ILogger logger, string activityId, SendStatus status, int statusCode);

    [LoggerMessage(EventId = 5046, Level = LogLevel.Warning, Message = "No invoke response for invoke {InvokeName}; answered 501")]
    private static partial void LogInvokeUnanswered(ILogger logger, string invokeName);
}
