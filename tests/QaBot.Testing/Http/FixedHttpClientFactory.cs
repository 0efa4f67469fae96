namespace QaBot.Testing.Http;

/// <summary>An <see cref="IHttpClientFactory"/> whose clients all go through one handler (for unit tests without DI).</summary>
public sealed class FixedHttpClientFactory(HttpMessageHandler handler, TimeSpan? timeout = null) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) =>
        new(handler, disposeHandler: false) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
}
