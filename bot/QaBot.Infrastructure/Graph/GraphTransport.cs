namespace QaBot.Infrastructure.Graph;

/// <summary>
/// The handler at the bottom of the Graph pipeline: the network by default. Tests register their own (a fake
/// <see cref="HttpMessageHandler"/> that records requests) so the real Graph SDK is exercised without a network.
/// </summary>
public sealed class GraphTransport(HttpMessageHandler handler)
{
    public HttpMessageHandler Handler { get; } = handler;

    public static GraphTransport Network() => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
}
