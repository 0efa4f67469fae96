using System.Collections.Concurrent;
using System.Net;
using System.Text;
using QaBot.Testing.Http;

namespace QaBot.Infrastructure.Tests.Graph;

/// <summary>
/// Answers Graph requests the way Graph does for the calls QaBot makes, and records each one, with how many were in
/// flight at once. Tests can put answers in front (a 429, a 404) for particular requests.
/// </summary>
internal sealed class GraphFake
{
    private readonly List<Override> _overrides = [];
    private readonly ConcurrentDictionary<string, bool> _deleted = new(StringComparer.Ordinal);
    private int _nextEvent;
    private int _inFlight;
    private int _maxInFlight;

    public GraphFake(TimeSpan? latency = null)
    {
        Latency = latency ?? TimeSpan.Zero;
        Handler = new RecordingHandler(this);
    }

    public HttpMessageHandler Handler { get; }

    public TimeSpan Latency { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int MaxInFlight => _maxInFlight;

    public IReadOnlyList<RecordedRequest> Sent => [.. Requests];

    /// <summary>Answers requests that match <paramref name="when"/> with <paramref name="respond"/>, <paramref name="times"/> times (then as before). The latest answer given wins.</summary>
    public void Answer(Func<RecordedRequest, bool> when, Func<RecordedRequest, HttpResponseMessage> respond, int times = int.MaxValue)
    {
        lock (_overrides)
        {
            _overrides.Add(new Override(when, respond, times));
        }
    }

    /// <summary>The event is gone from the calendar (deleted by hand): reads and changes of it answer 404.</summary>
    public void Delete(string eventId) => _deleted[eventId] = true;

    public void Clear()
    {
        while (Requests.TryDequeue(out _))
        {
        }
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Error(HttpStatusCode status, string code) =>
        Json(status, $$$"""{"error":{"code":"{{{code}}}","message":"test"}}""");

    private HttpResponseMessage Reply(RecordedRequest request)
    {
        lock (_overrides)
        {
            if (_overrides.LastOrDefault(o => o.Left > 0 && o.When(request)) is { } found)
            {
                found.Left--;
                return found.Respond(request);
            }
        }

        var path = request.Uri.AbsolutePath;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var eventsAt = Array.IndexOf(segments, "events");
        if (eventsAt > 0)
        {
            if (request.Method == HttpMethod.Post && segments.Length == eventsAt + 1)
            {
                var id = "event-" + Interlocked.Increment(ref _nextEvent);
                return Json(HttpStatusCode.Created, $$"""{"id":"{{id}}"}""");
            }

            var eventId = Uri.UnescapeDataString(segments[eventsAt + 1]);
            if (_deleted.ContainsKey(eventId))
            {
                return Error(HttpStatusCode.NotFound, "ErrorItemNotFound");
            }

            if (segments.Length == eventsAt + 3 && segments[^1] == "cancel")
            {
                return new HttpResponseMessage(HttpStatusCode.Accepted);
            }

            return Json(HttpStatusCode.OK, $$"""{"id":"{{eventId}}","isCancelled":false}""");
        }

        return Error(HttpStatusCode.NotFound, "NotFoundInTest");
    }

    private sealed class Override(Func<RecordedRequest, bool> when, Func<RecordedRequest, HttpResponseMessage> respond, int times)
    {
        public Func<RecordedRequest, bool> When { get; } = when;

        public Func<RecordedRequest, HttpResponseMessage> Respond { get; } = respond;

        public int Left { get; set; } = times;
    }

    private sealed class RecordingHandler(GraphFake fake) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref fake._inFlight);
            try
            {
                int seen;
                do
                {
                    seen = fake._maxInFlight;
                }
                while (now > seen && Interlocked.CompareExchange(ref fake._maxInFlight, now, seen) != seen);

                var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var recorded = new RecordedRequest(request.Method, request.RequestUri!, request.Headers, body);
                fake.Requests.Enqueue(recorded);
                if (fake.Latency > TimeSpan.Zero)
                {
                    await Task.Delay(fake.Latency, cancellationToken).ConfigureAwait(false);
                }

                var response = fake.Reply(recorded);
                response.RequestMessage = request;
                return response;
            }
            finally
            {
                Interlocked.Decrement(ref fake._inFlight);
            }
        }
    }
}
