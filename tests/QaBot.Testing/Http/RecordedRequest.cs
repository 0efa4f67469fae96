using System.Net.Http.Headers;

namespace QaBot.Testing.Http;

/// <summary>A request as a <see cref="FakeHttpHandler"/> saw it, with its body read.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, HttpRequestHeaders Headers, string Body)
{
    public string? BearerToken =>
        Headers.Authorization is { Scheme: "Bearer" } auth ? auth.Parameter : null;
}
