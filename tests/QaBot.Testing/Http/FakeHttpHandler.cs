using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace QaBot.Testing.Http;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that records every request and answers from a function the test supplies,
/// so that HTTP clients are tested through their real pipeline without a network.
/// </summary>
public sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private Func<RecordedRequest, HttpResponseMessage> _respond;

    public FakeHttpHandler(Func<RecordedRequest, HttpResponseMessage>? respond = null)
    {
        _respond = respond ?? (_ => new HttpResponseMessage(HttpStatusCode.NotFound));
    }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Changes how later requests are answered.</summary>
    public void RespondWith(Func<RecordedRequest, HttpResponseMessage> respond) => _respond = respond;

    /// <summary>Answers the given responses in order, one per request; the last one repeats.</summary>
    public void RespondInTurn(params Func<HttpResponseMessage>[] responses)
    {
        var index = -1;
        _respond = _ => responses[Math.Min(Interlocked.Increment(ref index), responses.Length - 1)]();
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, request.Headers, body);
        _requests.Enqueue(recorded);
        var response = _respond(recorded);
        response.RequestMessage = request;
        return response;
    }
}
