using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QaBot.Testing.Connector;

/// <summary>
/// A Bot Connector on loopback (Kestrel) that speaks the part of <c>/v3/conversations</c> QaBot uses: it opens 1:1
/// chats, accepts activities, and records every request with its arrival time. On demand it answers 429 (with or
/// without Retry-After), 503, 403 or 404, and it can enforce a rate limit the way Teams does (429 past it).
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorRequest> _requests = new();
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private readonly Lock _limitLock = new();
    private readonly Queue<long> _accepted = new();
    private int _activityCount;
    private Func<ConnectorRequest, FakeAnswer?> _fault = _ => null;
    private (int PerSecond, TimeSpan Window)? _enforced;

    private FakeBotConnector(WebApplication app, string serviceUrl)
    {
        _app = app;
        ServiceUrl = serviceUrl;
    }

    /// <summary>The service URL to give the bot: <c>http://127.0.0.1:{port}/</c>.</summary>
    public string ServiceUrl { get; }

    public IReadOnlyList<ConnectorRequest> Requests => [.. _requests];

    /// <summary>Conversations that answer 403 (the person blocked the bot) or 404, by id.</summary>
    public ConcurrentDictionary<string, int> StaleConversations { get; } = new(StringComparer.Ordinal);

    /// <summary>Member ids for whom opening a chat answers 403 (the app is not installed for them).</summary>
    public ConcurrentDictionary<string, bool> NotInstalled { get; } = new(StringComparer.Ordinal);

    public static async Task<FakeBotConnector> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        builder.Logging.ClearProviders();
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxConcurrentConnections = null);
        var app = builder.Build();
        var fake = new FakeBotConnector(app, $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        app.MapPost("/v3/conversations", fake.CreateAsync);
        app.MapPost("/v3/conversations/{conversationId}/activities", fake.SendAsync);
        await app.StartAsync().ConfigureAwait(false);
        return fake;
    }

    /// <summary>Answers with a failure whenever the function returns one (it sees each request before it is answered).</summary>
    public void FailWhen(Func<ConnectorRequest, FakeAnswer?> fault) => _fault = fault ?? (_ => null);

    /// <summary>
    /// Behaves like Teams' limit: a request that would make more than <paramref name="perSecond"/> accepted requests
    /// in the last second gets 429 with <c>Retry-After: 1</c>.
    /// </summary>
    public void EnforceLimit(int perSecond) => _enforced = (perSecond, TimeSpan.FromSeconds(1));

    public IEnumerable<ConnectorRequest> Accepted => Requests.Where(r => r.Accepted);

    private TimeSpan Now => Stopwatch.GetElapsedTime(_startedAt);

    private async Task CreateAsync(HttpContext context)
    {
        var at = Now;
        using var body = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
        var member = body.RootElement.GetProperty("members")[0].GetProperty("id").GetString() ?? string.Empty;
        var request = new ConnectorRequest(at, "POST", "/v3/conversations", "create:" + member, null, 201);
        FakeAnswer? answer = NotInstalled.ContainsKey(member) ? FakeAnswer.Forbidden : _fault(request) ?? Limit();
        await AnswerAsync(context, request, answer, new { id = "a:" + member }).ConfigureAwait(false);
    }

    private async Task SendAsync(HttpContext context, string conversationId)
    {
        var at = Now;
        string? digest = null;
        using (var body = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false))
        {
            if (body.RootElement.TryGetProperty("text", out var text) && text.GetString() is { } value && value.StartsWith(TestDigestRenderer.Prefix, StringComparison.Ordinal))
            {
                digest = value[TestDigestRenderer.Prefix.Length..].Split(' ')[0];
            }
        }

        var request = new ConnectorRequest(at, "POST", context.Request.Path, conversationId, digest, 201);
        FakeAnswer? answer = StaleConversations.TryGetValue(conversationId, out var stale) ? new FakeAnswer(stale) : _fault(request) ?? Limit();
        var id = "activity-" + Interlocked.Increment(ref _activityCount).ToString(CultureInfo.InvariantCulture);
        await AnswerAsync(context, request, answer, new { id }).ConfigureAwait(false);
    }

    private FakeAnswer? Limit()
    {
        if (_enforced is not { } limit)
        {
            return null;
        }

        lock (_limitLock)
        {
            var now = Stopwatch.GetTimestamp();
            while (_accepted.Count > 0 && Stopwatch.GetElapsedTime(_accepted.Peek(), now) >= limit.Window)
            {
                _accepted.Dequeue();
            }

            if (_accepted.Count >= limit.PerSecond)
            {
                return FakeAnswer.Throttled(TimeSpan.FromSeconds(1));
            }

            _accepted.Enqueue(now);
            return null;
        }
    }

    private async Task AnswerAsync(HttpContext context, ConnectorRequest request, FakeAnswer? answer, object accepted)
    {
        if (answer is null)
        {
            _requests.Enqueue(request);
            context.Response.StatusCode = 201;
            context.Response.Headers["X-Correlating-OperationId"] = "fake-" + request.At.Ticks.ToString(CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(accepted).ConfigureAwait(false);
            return;
        }

        _requests.Enqueue(request with { Status = answer.Status });
        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
